/**
 * The engine's data shapes as the page sees them. The UI may not import src/engine (lint), so
 * it reads these re-exported types; they are erased at build time.
 */
export type { ClusterSnapshot, FieldError, ApiError } from '../engine/operations.ts';
export type { ObjectOf } from '../engine/types.ts';
export type { FilterName } from '../engine/scheduling/filters.ts';
export type {
  ClusterDiagnosis,
  NotAvailable,
  NotRunning,
  PodDiagnosis,
  PodDiagnosisEntry,
  RolloutDiagnosis,
} from '../engine/diagnosis.ts';
export type {
  ConfigMap,
  Container,
  ControllerRevision,
  DaemonSet,
  DaemonSetVerdicts,
  Event,
  Kind,
  KubeObject,
  Namespace,
  Node,
  NodeVerdict,
  Pod,
  Secret,
  Service,
  Taint,
  Toleration,
  VerdictCheck,
  VerdictItem,
} from '../engine/types.ts';
export type {
  CommandResult,
  FileDrift,
  ManifestDiagnostic,
  ObjectDrift,
  OpenedFile,
  ManifestFix,
  TouchedObject,
} from '../console/types.ts';
