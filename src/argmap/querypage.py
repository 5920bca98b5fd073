"""The query page `argmap serve` gives at `/`: plain HTML and JavaScript, self-contained, no CDN.

Pick a library query and fill in its parameters, or type SPARQL; the answer
shows as a table (SELECT, ASK) or as Turtle (CONSTRUCT), and a library
query's answer can be drawn as a map page (/draw). Every text from the
server is set with textContent, never parsed as HTML.
"""

QUERY_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>argmap: query</title>
<style>
body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5em auto; max-width: 70em; padding: 0 1em; color: #222; }
textarea { width: 100%; height: 14em; font: 13px monospace; }
table { border-collapse: collapse; margin-top: 1em; }
td, th { border: 1px solid #ccc; padding: .2em .5em; vertical-align: top; text-align: left; font-size: 13px; }
th { background: #f3f3f3; }
#status { margin-top: .8em; color: #555; } #status.error { color: #b00; white-space: pre-wrap; }
pre { background: #f7f7f7; padding: .6em; overflow: auto; font-size: 13px; }
label { display: block; margin: .3em 0; } .hint { color: #666; font-size: 13px; }
</style>
</head>
<body>
<h1>argmap: ask the argument</h1>
<p><a href="/pages/">The argument map pages</a> · SPARQL endpoint: <code>/sparql</code></p>
<label>Library query <select id="library"><option value="">(type your own SPARQL)</option></select></label>
<p id="description" class="hint"></p>
<div id="params"></div>
<textarea id="text" spellcheck="false">SELECT ?thesis ?label WHERE { ?thesis a arg:Thesis ; rdfs:label ?label } ORDER BY ?thesis</textarea>
<p class="hint">argmap's prefixes (arg:, ent:, rdfs: …) are predeclared. Read-only: updates, SERVICE, LOAD and FROM elsewhere are refused.</p>
<button id="run">Run</button> <a id="draw" href="#" hidden>Draw the answer as a map</a>
<div id="status"></div>
<div id="result"></div>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
let library = [];
let chosen = null;

function element(tag, text) { const node = document.createElement(tag); if (text !== undefined) node.textContent = text; return node; }

function paramFields() {
  const fields = new URLSearchParams();
  for (const input of $("params").querySelectorAll("input")) {
    if (input.value.trim()) fields.append("param", input.name + "=" + input.value.trim());
  }
  return fields;
}

function choose() {
  chosen = library.find((q) => q.name === $("library").value) || null;
  $("params").replaceChildren();
  $("description").textContent = chosen ? (chosen.title + " " + chosen.description) : "";
  $("draw").hidden = !chosen;
  if (!chosen) return;
  $("text").value = chosen.text;
  for (const param of chosen.params) {
    const label = element("label", param.name + " (" + param.type + (param.optional ? ", optional" : "") + ") ");
    const input = element("input");
    input.name = param.name;
    input.value = chosen.example[param.name] || "";
    input.size = 50;
    label.append(input);
    $("params").append(label);
  }
}

function cell(term) {
  if (!term) return "";
  if (term.type === "uri") return term.value;
  if (term.type === "bnode") return "_:" + term.value;
  return term.value + (term["xml:lang"] ? "@" + term["xml:lang"] : "");
}

function showTable(document_) {
  const table = element("table");
  if ("boolean" in document_) { table.append(element("tr")); table.rows[0].append(element("td", String(document_.boolean))); return table; }
  const head = element("tr");
  for (const name of document_.head.vars) head.append(element("th", name));
  table.append(head);
  for (const row of document_.results.bindings) {
    const line = element("tr");
    for (const name of document_.head.vars) line.append(element("td", cell(row[name])));
    table.append(line);
  }
  return table;
}

async function run() {
  const fields = paramFields();
  const edited = !chosen || $("text").value !== chosen.text;
  if (edited) fields.append("query", $("text").value); else fields.append("name", chosen.name);
  const form = edited ? ($("text").value.match(/\\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\\b/i) || ["", "SELECT"])[1].toUpperCase() : chosen.form;
  const graph = form === "CONSTRUCT" || form === "DESCRIBE";
  $("status").className = ""; $("status").textContent = "running…"; $("result").replaceChildren();
  $("draw").href = chosen ? "/draw?" + new URLSearchParams([["name", chosen.name], ...paramFields()]).toString() : "#";
  const started = performance.now();
  let response;
  try {
    response = await fetch("/sparql", { method: "POST", body: fields,
      headers: { "Accept": graph ? "text/turtle" : "application/sparql-results+json" } });
  } catch (error) { $("status").className = "error"; $("status").textContent = String(error); return; }
  const body = await response.text();
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (!response.ok) { $("status").className = "error"; $("status").textContent = response.status + ": " + body; return; }
  const cut = response.headers.get("X-Argmap-Truncated") ? " — truncated at " + response.headers.get("X-Argmap-Max-Rows") + " rows" : "";
  if (graph) {
    $("result").append(element("pre", body));
    $("status").textContent = "answered in " + seconds + " s" + cut;
  } else {
    const document_ = JSON.parse(body);
    $("result").append(showTable(document_));
    const count = document_.results ? document_.results.bindings.length + " rows" : "";
    $("status").textContent = count + " in " + seconds + " s" + cut;
  }
}

fetch("/library.json").then((r) => r.json()).then((entries) => {
  library = entries;
  for (const query of entries) {
    const option = element("option", query.name + ": " + query.title);
    option.value = query.name;
    $("library").append(option);
  }
});
$("library").addEventListener("change", choose);
$("run").addEventListener("click", run);
</script>
</body>
</html>
"""
