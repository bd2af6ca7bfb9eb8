// monaco-yaml's language server, started by the editor as its 'yaml' worker.
import 'monaco-yaml/yaml.worker.js';
