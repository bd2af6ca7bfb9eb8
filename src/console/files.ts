/**
 * Reading `-f` files through the FileSource and turning them into objects, as kubectl's builder
 * does: a missing path stops the command before anything is read; every other problem (a YAML
 * syntax error, a document validation refuses, one the decoder cannot read) is an error item in
 * file order, and the builder goes on with the next document or, after an error that ends a
 * file's stream, with the next file.
 */
import type { FileSource } from './types.ts';
import { readManifest, type ManifestFatal, type ManifestObject } from './manifest/read.ts';
import {
  fileTooLarge,
  pathDoesNotExist,
  playgroundLimitError,
  validationFailed,
  yamlParseError,
  yamlParseErrorNoLine,
  yamlStreamError,
  yamlToJsonError,
} from './messages.ts';

/** Files larger than this are refused before parsing (a 5,000-node file is far smaller). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** One item of a file, in file order: an object to act on, or a line kubectl prints on stderr. */
export type FileItem =
  { type: 'object'; object: ManifestObject; file: string } | { type: 'error'; message: string };

export interface LoadedFiles {
  items: FileItem[];
}

/** From the error that ended a file's stream, kubectl's line for it. */
export function fatalMessage(file: string, fatal: ManifestFatal): string {
  switch (fatal.kind) {
    case 'stream':
      return yamlStreamError(file, fatal.problem);
    case 'validation':
      // A pasted fragment gets kubectl's error, then the playground's hint on its own line.
      return fatal.hint === undefined
        ? validationFailed(file, fatal.problem)
        : `${validationFailed(file, fatal.problem)}\n${fatal.hint}`;
    case 'convert':
      return yamlToJsonError(file, fatal.problem);
    case 'limit':
      return playgroundLimitError(file, fatal.problem);
    case 'yaml':
      return fatal.documentLine === undefined
        ? yamlParseErrorNoLine(file, fatal.problem)
        : yamlParseError(file, fatal.documentLine, fatal.problem);
  }
}

/**
 * From `-f` names and whether to validate as `apply` does (`delete -f` does not), every object
 * and error of the files in order, or the first missing path.
 */
export function loadFiles(
  files: FileSource,
  names: string[],
  options: { validate?: boolean } = {},
): LoadedFiles | { missing: string } {
  const texts: { name: string; text: string }[] = [];
  for (const name of names) {
    const text = files.read(name);
    if (text === undefined) return { missing: pathDoesNotExist(name) };
    texts.push({ name, text });
  }
  const items: FileItem[] = [];
  for (const { name, text } of texts) {
    if (text.length > MAX_FILE_BYTES) {
      items.push({ type: 'error', message: fileTooLarge(name, text.length) });
      continue;
    }
    const result = readManifest(text, name, options);
    for (const entry of result.entries) {
      if (entry.type === 'object') items.push({ type: 'object', object: entry.object, file: name });
      else items.push({ type: 'error', message: entry.problem.message });
    }
    if (result.fatal) items.push({ type: 'error', message: fatalMessage(name, result.fatal) });
  }
  return { items };
}
