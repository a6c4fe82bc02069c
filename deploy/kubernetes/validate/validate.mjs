// Validates the Kubernetes manifests without a cluster, in two passes per document:
//  1. the kubernetes-models validators, generated from the Kubernetes API's OpenAPI schemas
//     (types, required fields, enums, formats such as int32 and quantities);
//  2. the same models' TypeScript interfaces, by compiling every document as a typed object
//     literal with `tsc --strict`: an unknown or misspelt field ("readOnlyRootFileSystem") is
//     an excess property there, which the schema validators let through.
// Then the rules this project holds its manifests to (non-root, read-only root filesystem,
// dropped capabilities, a NetworkPolicy per Deployment, no Secret in the kustomization, TLS on
// the Ingress). Usage: node validate.mjs <kustomization dir>
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import YAML from "yaml";

const dir = path.resolve(process.argv[2] ?? "..");
const here = path.dirname(new URL(import.meta.url).pathname);
const kustomization = YAML.parse(fs.readFileSync(path.join(dir, "kustomization.yaml"), "utf8"));
const faults = [];
const docs = [];

for (const file of kustomization.resources ?? []) {
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  for (const [i, d] of YAML.parseAllDocuments(text).entries()) {
    if (d.errors.length) faults.push(`${file}#${i}: ${d.errors[0].message}`);
    const doc = d.toJSON();
    if (doc) docs.push({ file, index: i, doc });
  }
}

// apps/v1 Deployment -> kubernetes-models/apps/v1/Deployment; v1 Service -> kubernetes-models/v1/Service
function modulePath({ apiVersion, kind }) {
  return `kubernetes-models/${apiVersion}/${kind}`;
}

for (const { file, index, doc } of docs) {
  let Model;
  try {
    Model = (await import(modulePath(doc)))[doc.kind];
  } catch {
    faults.push(`${file}#${index}: unknown apiVersion/kind ${doc.apiVersion} ${doc.kind}`);
    continue;
  }
  try {
    new Model(doc).validate();
  } catch (e) {
    faults.push(`${file}#${index} ${doc.kind}/${doc.metadata?.name}: ${e.message}`);
  }
}

// Pass 2: every document as a typed literal, compiled.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "flowlens-manifests-"));
let ts = "";
const starts = []; // first line of each document's literal, to name the document of a type error
docs.forEach(({ file, index, doc }, n) => {
  ts += `import type { I${doc.kind} as T${n} } from "${modulePath(doc)}";\n`;
  starts.push({ line: ts.split("\n").length, where: `${file}#${index} ${doc.kind}/${doc.metadata?.name}` });
  ts += `export const d${n}: T${n} = ${JSON.stringify(doc, null, 2)};\n`;
});
const documentAt = (line) => starts.filter((s) => s.line <= line).pop()?.where ?? "?";
fs.writeFileSync(path.join(tmp, "manifests.ts"), ts);
fs.writeFileSync(path.join(tmp, "tsconfig.json"), JSON.stringify({
  compilerOptions: {
    strict: true, noEmit: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022",
    skipLibCheck: true, typeRoots: [], baseUrl: here, paths: { "*": [path.join(here, "node_modules", "*")] },
  },
  files: ["manifests.ts"],
}));
fs.writeFileSync(path.join(tmp, "package.json"), '{"type":"module"}');
fs.symlinkSync(path.join(here, "node_modules"), path.join(tmp, "node_modules"));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
try {
  execFileSync(process.execPath, [tsc, "-p", tmp], { encoding: "utf8" });
} catch (e) {
  for (const line of (e.stdout || e.message).split("\n").filter(Boolean)) {
    const m = /manifests\.ts\((\d+),\d+\): (.*)$/.exec(line);
    faults.push(m ? `${documentAt(Number(m[1]))}: ${m[2]}` : `types: ${line}`);
  }
}
fs.rmSync(tmp, { recursive: true, force: true });

// Pass 3: what this project asks of every manifest.
const of = (kind) => docs.filter((d) => d.doc.kind === kind).map((d) => d.doc);
if (of("Secret").length) faults.push("a Secret is part of the kustomization: apply -k would overwrite the real one");
const policies = of("NetworkPolicy");
if (!policies.some((p) => Object.keys(p.spec.podSelector ?? {}).length === 0 && !p.spec.ingress)) {
  faults.push("no default-deny ingress NetworkPolicy");
}
for (const d of of("Deployment")) {
  const name = d.metadata.name;
  const pod = d.spec.template.spec;
  const app = d.spec.template.metadata.labels["app.kubernetes.io/name"];
  if (!pod.securityContext?.runAsNonRoot) faults.push(`${name}: pod does not set runAsNonRoot`);
  for (const c of pod.containers) {
    const sc = c.securityContext ?? {};
    if (!sc.readOnlyRootFilesystem) faults.push(`${name}/${c.name}: root filesystem not read-only`);
    if (sc.allowPrivilegeEscalation !== false) faults.push(`${name}/${c.name}: privilege escalation allowed`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) faults.push(`${name}/${c.name}: capabilities not dropped`);
    if (!(c.volumeMounts ?? []).some((m) => m.mountPath === "/tmp")) faults.push(`${name}/${c.name}: no writable /tmp`);
    if (!c.resources?.limits?.memory) faults.push(`${name}/${c.name}: no memory limit`);
  }
  if (!policies.some((p) => p.spec.podSelector?.matchLabels?.["app.kubernetes.io/name"] === app)) {
    faults.push(`${name}: no NetworkPolicy selects its pods`);
  }
}
for (const ing of of("Ingress")) {
  if (!ing.spec.ingressClassName) faults.push(`Ingress ${ing.metadata.name}: no ingressClassName`);
  if (!ing.spec.tls?.length) faults.push(`Ingress ${ing.metadata.name}: no TLS section`);
  for (const rule of ing.spec.rules ?? []) {
    for (const p of rule.http?.paths ?? []) {
      const port = p.backend.service?.port;
      if (port?.name !== "http" && port?.number !== 8080) faults.push(`Ingress ${ing.metadata.name}: routes a port other than the API's`);
      if (p.backend.service?.name !== "gateway") faults.push(`Ingress ${ing.metadata.name}: routes to ${p.backend.service?.name}, not the gateway`);
    }
  }
}

if (faults.length) {
  console.error(`[manifests] ${faults.length} fault(s):\n  ` + faults.join("\n  "));
  process.exit(1);
}
console.log(`[manifests] ${docs.length} documents valid (Kubernetes API schemas and types, project rules)`);
