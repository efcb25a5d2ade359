// The TypeScript side of the contract (jupyter_tutor/contract/), generated so the
// browser never carries a hand-copied value or shape of the server's:
//   constants.json -> labextension/src/contract/constants.ts
//   schema.json    -> labextension/src/contract/schema.ts
// `node generate-contract.js` writes them; `--check` only says which are stale (exit 1).
const fs = require('fs');
const path = require('path');
const prettier = require('prettier');

const root = path.resolve(__dirname, '..', '..');
const source = name => path.join(root, 'jupyter_tutor', 'contract', name);
const target = name => path.join(root, 'labextension', 'src', 'contract', name);
const header = file =>
  `// Generated from jupyter_tutor/contract/${file} by ` +
  'labextension/scripts/generate-contract.js — do not edit.\n\n';

// Values whose TypeScript type the schema leaves open, and where that type lives.
const IMPORTS = { PartialJSONObject: '@lumino/coreutils' };

function doc(text) {
  return text ? `/** ${text.replace(/\*\//g, '*\\/')} */\n` : '';
}

function screaming(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function literal(value) {
  return JSON.stringify(value);
}

function typeOf(schema) {
  if (schema.tsType) {
    return schema.tsType;
  }
  if (schema.$ref) {
    return schema.$ref.replace('#/$defs/', '');
  }
  if ('const' in schema) {
    return literal(schema.const);
  }
  if (schema.enum) {
    return schema.enum.map(literal).join(' | ');
  }
  if (schema.oneOf) {
    return schema.oneOf.map(typeOf).join(' | ');
  }
  if (Array.isArray(schema.type)) {
    return schema.type.map(type => typeOf({ ...schema, type })).join(' | ');
  }
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      const item = typeOf(schema.items ?? {});
      return /[ |]/.test(item) ? `(${item})[]` : `${item}[]`;
    }
    case 'object':
      return objectType(schema);
    default:
      return 'unknown';
  }
}

function objectType(schema) {
  if (!schema.properties) {
    return '{ [key: string]: unknown }';
  }
  const required = new Set(schema.required ?? []);
  const lines = Object.entries(schema.properties).map(
    ([key, property]) =>
      doc(property.description) +
      `${key}${required.has(key) ? '' : '?'}: ${typeOf(property)};`
  );
  return `{\n${lines.join('\n')}\n}`;
}

function schemaModule(schema) {
  const parts = [];
  for (const [name, definition] of Object.entries(schema.$defs)) {
    if (definition.enum) {
      const values = `${screaming(name)}_VALUES`;
      parts.push(
        doc(definition.description) +
          `export const ${values} = [${definition.enum.map(literal).join(', ')}] as const;\n` +
          `export type ${name} = (typeof ${values})[number];`
      );
      continue;
    }
    parts.push(
      doc(definition.description) +
        `export type ${name} = ${typeOf(definition)};`
    );
    // A closed notebook-metadata block is validated on both sides: its fields are a rule too.
    if (name.endsWith('Block') && definition.additionalProperties === false) {
      const fields = Object.keys(definition.properties).map(literal).join(', ');
      parts.push(
        `export const ${screaming(name)}_FIELDS = [${fields}] as const;`
      );
    }
  }
  const body = parts.join('\n\n');
  const imports = Object.entries(IMPORTS)
    .filter(([type]) => new RegExp(`\\b${type}\\b`).test(body))
    .map(([type, from]) => `import { ${type} } from '${from}';\n`)
    .join('');
  return (imports ? imports + '\n' : '') + body + '\n';
}

function constantsModule(constants) {
  return (
    Object.entries(constants.constants)
      .map(
        ([name, { value, description }]) =>
          doc(description) +
          `export const ${name} = ${literal(value)}${Array.isArray(value) ? ' as const' : ''};`
      )
      .join('\n\n') + '\n'
  );
}

async function generated() {
  const read = name => JSON.parse(fs.readFileSync(source(name), 'utf-8'));
  const outputs = {
    'constants.ts':
      header('constants.json') + constantsModule(read('constants.json')),
    'schema.ts': header('schema.json') + schemaModule(read('schema.json'))
  };
  for (const [name, text] of Object.entries(outputs)) {
    const options = await prettier.resolveConfig(target(name));
    outputs[name] = await prettier.format(text, {
      ...options,
      parser: 'typescript'
    });
  }
  return outputs;
}

async function main() {
  const check = process.argv.includes('--check');
  const stale = [];
  for (const [name, text] of Object.entries(await generated())) {
    const file = target(name);
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf-8') : null;
    if (current === text) {
      continue;
    }
    stale.push(path.relative(root, file));
    if (!check) {
      fs.writeFileSync(file, text);
    }
  }
  if (check && stale.length > 0) {
    console.error(
      `Stale generated contract: ${stale.join(', ')}. Run \`jlpm build:contract\` and commit the result.`
    );
    process.exit(1);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
