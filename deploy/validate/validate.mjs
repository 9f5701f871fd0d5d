// Validates Kubernetes manifests (multi-document YAML, e.g. the output of `kubectl kustomize deploy/k8s`)
// against the Kubernetes API's OpenAPI schemas that the kubernetes-models package ships: wrong types,
// missing required fields and misspelt enum values fail here instead of at `kubectl apply` time.
//
//   npm ci && kubectl kustomize ../k8s | node validate.mjs
//   node validate.mjs rendered.yaml
//
// Prints one line per object; exits 1 when any object is invalid or of an API the models do not know (so
// nothing is skipped silently), 2 when the input cannot be read.
import { readFileSync } from "node:fs";
import * as models from "kubernetes-models";
import { parseAllDocuments } from "yaml";

const input = process.argv[2] ? readFileSync(process.argv[2], "utf8") : readFileSync(0, "utf8");

// "policy/v1" -> models.policy.v1, "v1" -> models.v1, "rbac.authorization.k8s.io/v1" -> rbacAuthorizationK8sIo
function modelOf(apiVersion, kind) {
  const slash = apiVersion.lastIndexOf("/");
  const version = apiVersion.slice(slash + 1);
  let api = models;
  if (slash >= 0) {
    const key = apiVersion.slice(0, slash).split(/[.-]/)
      .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1))).join("");
    api = models[key];
  }
  return api?.[version]?.[kind];
}

let failures = 0;
let count = 0;
const documents = parseAllDocuments(input);
for (const doc of documents) {
  if (doc.errors.length > 0) {
    console.error(`YAML error: ${doc.errors.map((e) => e.message).join("; ")}`);
    process.exit(2);
  }
  const obj = doc.toJS();
  if (obj == null) continue;
  count++;
  const name = `${obj.kind ?? "?"} ${obj.metadata?.name ?? "?"} (${obj.apiVersion ?? "?"})`;
  const Model = typeof obj.apiVersion === "string" && typeof obj.kind === "string" ? modelOf(obj.apiVersion, obj.kind) : undefined;
  if (!Model) {
    console.log(`FAIL ${name}: no schema for this apiVersion and kind`);
    failures++;
    continue;
  }
  try {
    new Model(obj).validate();
    console.log(`ok   ${name}`);
  } catch (e) {
    console.log(`FAIL ${name}: ${e.message}`);
    failures++;
  }
}
if (count === 0) {
  console.log("FAIL no objects in the input");
  process.exit(1);
}
console.log(`${count} objects, ${failures} invalid`);
process.exit(failures > 0 ? 1 : 0);
