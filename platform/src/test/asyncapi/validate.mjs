// Validates an AsyncAPI document with the reference parser. Exit 0: valid, no diagnostics of severity error
// or warning. Exit 1: any error or warning (printed as path, code, message), so a sloppy document fails the build.
// Exit 2: usage or I/O problem.
import { readFile } from 'node:fs/promises';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';

const file = process.argv[2];
if (!file) {
  console.error('usage: node validate.mjs <asyncapi.yaml>');
  process.exit(2);
}

let text;
try {
  text = await readFile(file, 'utf8');
} catch (e) {
  console.error(`cannot read ${file}: ${e.message}`);
  process.exit(2);
}

const parser = new Parser();
const { document, diagnostics } = await parser.parse(text, { source: file });

const names = { [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info', [DiagnosticSeverity.Hint]: 'hint' };
// Warnings count too: the parser's warnings (missing descriptions, unused components, ...) are contract smells.
const failing = diagnostics.filter(d => d.severity <= DiagnosticSeverity.Warning);
for (const d of diagnostics) {
  const where = d.path && d.path.length ? d.path.join('.') : '(document)';
  const line = d.range ? `:${d.range.start.line + 1}` : '';
  console.log(`${names[d.severity] ?? d.severity} ${file}${line} ${where} [${d.code}] ${d.message}`);
}

if (!document || failing.length > 0) {
  console.error(`asyncapi: ${file} is NOT valid (${failing.length} error/warning diagnostics)`);
  process.exit(1);
}
const channels = document.channels().length;
const messages = document.allMessages().length;
const operations = document.operations().length;
console.log(`asyncapi: ${file} is valid AsyncAPI ${document.version()}: ${channels} channels, ${messages} messages, ${operations} operations`);
