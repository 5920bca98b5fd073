// The reference for argmap's Argdown parser: @argdown/cli's own application (@argdown/node), run on each file
// given, with the processors `argdown json` runs (parse-input, build-model, export-json), in one Node process.
// Prints one JSON object per file: its path, the JSON export (null when the model was not built), the parser
// and lexer errors and plugin exceptions with their lines, and whatever Argdown logged as a warning or error.
// Used by tests/test_argdown_parser.py and tests/test_argdown_profile.py.
const fs = require("fs");
const { argdown } = require("@argdown/node");
let logged = [];
console.warn = (...parts) => logged.push(parts.join(" "));
console.error = (...parts) => logged.push(parts.join(" "));
for (const path of process.argv.slice(2)) {
  const input = fs.readFileSync(path, "utf8");
  logged = [];
  let response;
  try {
    response = argdown.run({ input, process: ["parse-input", "build-model", "export-json"], logLevel: "warning",
                             throwExceptions: false, logExceptions: false });
  } catch (error) {
    console.log(JSON.stringify({ path, json: null, errors: [], exceptions: [String(error)], warnings: logged }));
    continue;
  }
  const errors = (response.parserErrors || []).map(e => ({ message: e.message, line: e.token && e.token.startLine,
                                                           column: e.token && e.token.startColumn }));
  const exceptions = (response.exceptions || []).map(e => String(e.message || e));
  console.log(JSON.stringify({ path, json: response.json ? JSON.parse(response.json) : null, errors,
                               lexerErrors: response.lexerErrors || [], exceptions, warnings: logged }));
}
