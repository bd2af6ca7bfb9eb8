/** The files open in the manifest editor: the page's side of `kubectl apply -f NAME`. */
import type { FileMap } from '../../protocol/messages.ts';

/** One open file. */
export interface OpenFile {
  name: string;
  text: string;
}

/** Open files and which one is shown; the editor writes every edit back here. */
export class EditorFiles {
  files: OpenFile[] = $state([]);
  active: string = $state('');
  /**
   * Grows when files change under the editor (a lesson opens, a solution is loaded): the
   * editor then loads every file's text again, as it only writes its own edits back.
   */
  generation: number = $state(0);

  /** Opens `files`, showing the first. */
  constructor(files: OpenFile[]) {
    this.files = files.map((f) => ({ ...f }));
    this.active = files[0]?.name ?? '';
  }

  /** The shown file, if any. */
  get current(): OpenFile | undefined {
    return this.files.find((f) => f.name === this.active);
  }

  /** Shows `name` if it is open. */
  open(name: string): void {
    if (this.files.some((f) => f.name === name)) this.active = name;
  }

  /** Records an edit. */
  setText(name: string, text: string): void {
    const file = this.files.find((f) => f.name === name);
    if (file) file.text = text;
    else this.files.push({ name, text });
  }

  /** Closes every file and opens `files` instead, showing `active` (default: the first). */
  replace(files: OpenFile[], active?: string): void {
    this.files = files.map((f) => ({ ...f }));
    this.active = active ?? files[0]?.name ?? '';
    this.generation += 1;
  }

  /** Opens `name` with `text` (replacing what it held) and shows it, so the editor shows it too. */
  load(name: string, text: string): void {
    const file = this.files.find((f) => f.name === name);
    if (file && file.text === text) {
      this.active = name;
      return;
    }
    this.setText(name, text);
    this.active = name;
    // A new name may be one closed before, whose old text the editor still holds.
    this.generation += 1;
  }

  /** Closes `name`, showing its neighbour if it was shown. */
  close(name: string): void {
    const index = this.files.findIndex((f) => f.name === name);
    if (index < 0) return;
    this.files.splice(index, 1);
    if (this.active === name)
      this.active = this.files[Math.min(index, this.files.length - 1)]?.name ?? '';
  }

  /**
   * A name not open yet, `untitled-1.yaml` then `untitled-2.yaml` and so on, for a new file.
   */
  untitledName(): string {
    for (let n = 1; ; n += 1) {
      const name = `untitled-${n}.yaml`;
      if (!this.files.some((f) => f.name === name)) return name;
    }
  }

  /** Every open file by name, for the console's FileSource. */
  toMap(): FileMap {
    const map: FileMap = {};
    for (const f of this.files) map[f.name] = f.text;
    return map;
  }
}
