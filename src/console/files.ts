/**
 * Reading `-f` files through the FileSource and turning them into objects, with kubectl's errors
 * for a missing path, a YAML syntax error (after the documents before it) and documents that
 * are not objects.
 */
import type { FileSource } from './types.ts';
import { readManifest, type ManifestObject } from './manifest/read.ts';
import {
  fileTooLarge,
  pathDoesNotExist,
  yamlParseError,
  yamlParseErrorNoLine,
  yamlStreamError,
} from './messages.ts';

/** Files larger than this are refused before parsing (a 5,000-node file is far smaller). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** One item of a file, in file order: an object to act on, or a line kubectl prints on stderr. */
export type FileItem =
  { type: 'object'; object: ManifestObject; file: string } | { type: 'error'; message: string };

export interface LoadedFiles {
  items: FileItem[];
  /** An error that ends the command after the items before it were handled (YAML syntax). */
  fatal?: string;
}

/** From `-f` names, every object in them, or the first missing path as a fatal error. */
export function loadFiles(files: FileSource, names: string[]): LoadedFiles | { missing: string } {
  const texts: { name: string; text: string }[] = [];
  for (const name of names) {
    const text = files.read(name);
    if (text === undefined) return { missing: pathDoesNotExist(name) };
    texts.push({ name, text });
  }
  const items: FileItem[] = [];
  for (const { name, text } of texts) {
    if (text.length > MAX_FILE_BYTES) return { items, fatal: fileTooLarge(name, text.length) };
    const result = readManifest(text, name);
    for (const entry of result.entries) {
      if (entry.type === 'object') items.push({ type: 'object', object: entry.object, file: name });
      else items.push({ type: 'error', message: entry.problem.message });
    }
    if (result.fatal) {
      const fatal =
        result.fatal.kind === 'stream'
          ? yamlStreamError(name, result.fatal.problem)
          : result.fatal.documentLine === undefined
            ? yamlParseErrorNoLine(name, result.fatal.problem)
            : yamlParseError(name, result.fatal.documentLine, result.fatal.problem);
      return { items, fatal };
    }
  }
  return { items };
}
