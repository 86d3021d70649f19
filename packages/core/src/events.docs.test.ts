/**
 * Keeps docs/events.md true to the types: every event type and field in
 * events.ts (and the manifest's in manifest.ts) is documented there, and
 * nothing that does not exist is.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const doc = readFileSync(path.resolve(here, "../../../docs/events.md"), "utf8");

const program = ts.createProgram([path.join(here, "events.ts"), path.join(here, "manifest.ts"), path.join(here, "jobRecord.ts")], {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  resolveJsonModule: true,
  noEmit: true,
});
const checker = program.getTypeChecker();

/** An exported type of a source file, by name. */
function typeNamed(file: string, name: string): ts.Type {
  const source = program.getSourceFile(path.join(here, file))!;
  const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).find((candidate) => candidate.name === name);
  if (!symbol) throw new Error(`${file} exports no ${name}`);
  return checker.getDeclaredTypeOfSymbol(symbol);
}

/** Property names, inherited ones included. */
const fieldsOf = (type: ts.Type) => checker.getPropertiesOfType(type).map((property) => property.name).sort();

/** The union members of ArkorEventBody, as `type` → the other fields. */
function eventTypes(): Map<string, string[]> {
  const body = typeNamed("events.ts", "ArkorEventBody");
  if (!body.isUnion()) throw new Error("ArkorEventBody is no longer a union");
  return new Map(
    body.types.map((member) => {
      const typeField = checker.getTypeOfSymbol(member.getProperty("type")!);
      if (!typeField.isStringLiteral()) throw new Error(`${checker.typeToString(member)}.type is not a string literal`);
      return [typeField.value, fieldsOf(member).filter((name) => name !== "type")];
    }),
  );
}

/** The headings at `level` (`##`, `###`) and the body below each up to the next heading of any level. */
function sections(level: string): Map<string, string> {
  const found = new Map<string, string>();
  const pattern = new RegExp(`^${level} (.+)$`, "gm");
  for (const match of doc.matchAll(pattern)) {
    const start = match.index + match[0].length;
    const next = doc.slice(start).search(/^#{2,3} /m);
    found.set(match[1]!.trim(), doc.slice(start, next === -1 ? undefined : start + next));
  }
  return found;
}

/** The first column of a section's table: the field names in backticks. */
function tableFields(section: string): string[] {
  return [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]!).sort();
}

describe("docs/events.md", () => {
  const events = eventTypes();
  const documented = new Map([...sections("###")].filter(([heading]) => /^`[^`]+`$/.test(heading)).map(([heading, body]) => [heading.slice(1, -1), body]));

  it("documents every event type, and no other", () => {
    expect([...documented.keys()].sort()).toEqual([...events.keys()].sort());
    expect(events.size).toBeGreaterThanOrEqual(13);
  });

  it("documents every field of each event type, and no other", () => {
    for (const [type, fields] of events) {
      expect({ type, fields: tableFields(documented.get(type) ?? "") }).toEqual({ type, fields });
    }
  });

  it("documents the envelope", () => {
    const envelope = sections("##").get("The envelope") ?? "";
    expect(tableFields(envelope)).toEqual([...fieldsOf(typeNamed("events.ts", "EventEnvelope")), "type"].sort());
  });

  it("documents BuildMessage, the manifest file, ManifestInput and the job record field by field", () => {
    const cases: [string, string, string][] = [
      ["BuildMessage", "events.ts", "BuildMessage"],
      ["The manifest file", "manifest.ts", "BuildManifest"],
      ["ManifestInput", "manifest.ts", "ManifestInput"],
      ["The job record", "jobRecord.ts", "JobRecord"],
      ["JobOwner", "jobRecord.ts", "JobOwner"],
    ];
    const all = new Map([...sections("##"), ...sections("###")]);
    for (const [heading, file, name] of cases) {
      expect({ name, fields: tableFields(all.get(heading) ?? "") }).toEqual({ name, fields: fieldsOf(typeNamed(file, name)) });
    }
  });

  it("marks exactly the optional fields as optional", () => {
    const body = typeNamed("events.ts", "ArkorEventBody") as ts.UnionType;
    for (const member of body.types) {
      const type = (checker.getTypeOfSymbol(member.getProperty("type")!) as ts.StringLiteralType).value;
      const optional = checker
        .getPropertiesOfType(member)
        .filter((property) => (property.flags & ts.SymbolFlags.Optional) !== 0)
        .map((property) => property.name)
        .sort();
      const marked = [...(documented.get(type) ?? "").matchAll(/^\| `([^`]+)` \|[^|]*\*optional\*/gm)].map((match) => match[1]!).sort();
      expect({ type, optional: marked }).toEqual({ type, optional });
    }
  });
});
