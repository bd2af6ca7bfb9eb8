/**
 * The Monaco build the playground needs, imported feature by feature from Monaco's
 * tree-shakeable entries (monaco-editor >= 0.56). Only the lazy editor chunk imports this file,
 * so none of it is part of the first load.
 */
import * as monaco from 'monaco-editor/editor';
// Without the codicon feature there is no icon font, so lightbulbs and widget icons are blank.
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/suggest/register';
// features/suggest/register only brings inline completions; the completion popup itself lives in
// the suggest controller (docs/toolchain.md, note 3).
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/wordOperations/register';
// Quick fixes for the advisor's warnings.
import 'monaco-editor/features/codeAction/register';
// Ctrl+M: Tab moves focus instead of indenting (the way out of the editor's Tab trap).
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/languages/definitions/yaml/register';

export { monaco };
