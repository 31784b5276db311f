/** JSON fixes: indentation (2, 4, tab), commas, CRLF, new Properties, nested paths, lists, new resources. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixesFor } from '../../server/src/core/fixes/fixes';
import { JsonEditor } from '../../server/src/core/fixes/json-edits';
import { applyEdits } from '../../server/src/core/fixes/text-edits';
import { parseCloudFormation } from '../../server/src/core/formats/cloudformation/template';
import type { RuleSet } from '../../server/src/core/rules/loader';
import { active, applyPreferredFix, RDS_RULE, ruleSet, run, simpleRule } from './unit-helpers';

const RDS = ruleSet([RDS_RULE]);
const FILE = '/ws/t.json';

function fixed(text: string, rules: RuleSet = RDS, ruleId = 'rds.storage-encrypted'): string {
  return applyPreferredFix(text, FILE, rules, ruleId, (out) => assert.doesNotThrow(() => JSON.parse(out), `strict JSON after the fix:\n${out}`));
}

const j = (...ls: string[]) => ls.join('\n') + '\n';

describe('JSON: set a missing property', () => {
  it('2-space indentation, comma after the previous property', () => {
    const text = j('{', '  "Resources": {', '    "Db": {', '      "Type": "AWS::RDS::DBInstance",', '      "Properties": {', '        "Engine": "postgres"', '      }', '    }', '  }', '}');
    assert.equal(fixed(text), j('{', '  "Resources": {', '    "Db": {', '      "Type": "AWS::RDS::DBInstance",', '      "Properties": {', '        "Engine": "postgres",', '        "StorageEncrypted": true', '      }', '    }', '  }', '}'));
  });
  it('4-space indentation', () => {
    const text = j('{', '    "Resources": {', '        "Db": {', '            "Type": "AWS::RDS::DBInstance",', '            "Properties": {', '                "Engine": "postgres"', '            }', '        }', '    }', '}');
    assert.equal(fixed(text), j('{', '    "Resources": {', '        "Db": {', '            "Type": "AWS::RDS::DBInstance",', '            "Properties": {', '                "Engine": "postgres",', '                "StorageEncrypted": true', '            }', '        }', '    }', '}'));
  });
  it('tab indentation', () => {
    const text = j('{', '\t"Resources": {', '\t\t"Db": {', '\t\t\t"Type": "AWS::RDS::DBInstance",', '\t\t\t"Properties": {', '\t\t\t\t"Engine": "postgres"', '\t\t\t}', '\t\t}', '\t}', '}');
    assert.equal(fixed(text), j('{', '\t"Resources": {', '\t\t"Db": {', '\t\t\t"Type": "AWS::RDS::DBInstance",', '\t\t\t"Properties": {', '\t\t\t\t"Engine": "postgres",', '\t\t\t\t"StorageEncrypted": true', '\t\t\t}', '\t\t}', '\t}', '}'));
  });
  it('empty Properties object', () => {
    const text = j('{', '  "Resources": {', '    "Db": {', '      "Type": "AWS::RDS::DBInstance",', '      "Properties": {}', '    }', '  }', '}');
    assert.equal(fixed(text), j('{', '  "Resources": {', '    "Db": {', '      "Type": "AWS::RDS::DBInstance",', '      "Properties": {', '        "StorageEncrypted": true', '      }', '    }', '  }', '}'));
  });
  it('creates Properties when absent (4 spaces)', () => {
    const text = j('{', '    "Resources": {', '        "Db": {', '            "Type": "AWS::RDS::DBInstance"', '        }', '    }', '}');
    assert.equal(fixed(text), j('{', '    "Resources": {', '        "Db": {', '            "Type": "AWS::RDS::DBInstance",', '            "Properties": {', '                "StorageEncrypted": true', '            }', '        }', '    }', '}'));
  });
  it('CRLF is preserved', () => {
    const text = j('{', '  "Resources": {', '    "Db": {', '      "Type": "AWS::RDS::DBInstance",', '      "Properties": {', '        "Engine": "postgres"', '      }', '    }', '  }', '}').replace(/\n/g, '\r\n');
    const out = fixed(text);
    assert.equal(out, j('{', '  "Resources": {', '    "Db": {', '      "Type": "AWS::RDS::DBInstance",', '      "Properties": {', '        "Engine": "postgres",', '        "StorageEncrypted": true', '      }', '    }', '  }', '}').replace(/\n/g, '\r\n'));
  });
  it('an inline object stays inline (user style kept)', () => {
    const text = j('{', '  "Resources": {', '    "Db": {', '      "Type": "AWS::RDS::DBInstance",', '      "Properties": { "Engine": "postgres" }', '    }', '  }', '}');
    assert.equal(fixed(text), j('{', '  "Resources": {', '    "Db": {', '      "Type": "AWS::RDS::DBInstance",', '      "Properties": { "Engine": "postgres", "StorageEncrypted": true }', '    }', '  }', '}'));
  });
});

describe('JSON: replace a wrong value', () => {
  it('first of several properties: the comma stays', () => {
    const text = j('{', '  "Resources": {', '    "Db": {', '      "Type": "AWS::RDS::DBInstance",', '      "Properties": {', '        "StorageEncrypted": false,', '        "Engine": "postgres"', '      }', '    }', '  }', '}');
    assert.equal(fixed(text), j('{', '  "Resources": {', '    "Db": {', '      "Type": "AWS::RDS::DBInstance",', '      "Properties": {', '        "StorageEncrypted": true,', '        "Engine": "postgres"', '      }', '    }', '  }', '}'));
  });
  it('a parameter Default written as a string stays a string', () => {
    const text = j('{', '  "Parameters": { "Enc": { "Type": "String", "Default": "false" } },', '  "Resources": {', '    "Db": {', '      "Type": "AWS::RDS::DBInstance",', '      "Properties": { "StorageEncrypted": { "Ref": "Enc" } }', '    }', '  }', '}');
    const out = fixed(text);
    assert.match(out, /"Default": "true"/);
    assert.match(out, /"StorageEncrypted": \{ "Ref": "Enc" \}/);
  });
});

describe('JSON: nested paths and lists', () => {
  it('nested missing path creates nested objects', () => {
    const rules = ruleSet([simpleRule('t.nested', 'AWS::S3::Bucket', { path: 'BucketEncryption.Config.Algo', equals: 'aws:kms' }, { fix: { title: 'Encrypt' } })]);
    const text = j('{', '  "Resources": {', '    "B": {', '      "Type": "AWS::S3::Bucket",', '      "Properties": {', '        "BucketName": "b"', '      }', '    }', '  }', '}');
    assert.equal(fixed(text, rules, 't.nested'), j('{', '  "Resources": {', '    "B": {', '      "Type": "AWS::S3::Bucket",', '      "Properties": {', '        "BucketName": "b",', '        "BucketEncryption": {', '          "Config": {', '            "Algo": "aws:kms"', '          }', '        }', '      }', '    }', '  }', '}'));
  });
  it('append to an array', () => {
    const rules = ruleSet([simpleRule('t.tag', 'AWS::S3::Bucket', { path: 'Tags', some: { path: 'Key', equals: 'phi' }, fixValue: { Key: 'phi', Value: 'yes' } }, { fix: { title: 'Tag' } })]);
    const text = j('{', '  "Resources": {', '    "B": {', '      "Type": "AWS::S3::Bucket",', '      "Properties": {', '        "Tags": [', '          { "Key": "a", "Value": "b" }', '        ]', '      }', '    }', '  }', '}');
    const out = fixed(text, rules, 't.tag');
    assert.deepEqual(JSON.parse(out).Resources.B.Properties.Tags, [{ Key: 'a', Value: 'b' }, { Key: 'phi', Value: 'yes' }]);
    assert.match(out, /\{ "Key": "a", "Value": "b" \},\n/);
  });
});

describe('JSON: addResource', () => {
  const rules = ruleSet([simpleRule('t.policy', 'AWS::S3::Bucket', { referencedBy: ['AWS::S3::BucketPolicy'], via: 'Bucket' }, {
    fix: { title: 'Add a policy', addResource: { nameSuffix: 'Policy', type: 'AWS::S3::BucketPolicy', properties: { Bucket: { Ref: '${name}' }, PolicyDocument: { Statement: [] } } } },
  })]);
  it('adds the resource with a comma after the previous one', () => {
    const text = j('{', '  "Resources": {', '    "Logs": {', '      "Type": "AWS::S3::Bucket"', '    }', '  }', '}');
    const out = fixed(text, rules, 't.policy');
    assert.deepEqual(JSON.parse(out).Resources.LogsPolicy, { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Logs' }, PolicyDocument: { Statement: [] } } });
    assert.match(out, /\n {4}\},\n {4}"LogsPolicy": \{\n {6}"Type": "AWS::S3::BucketPolicy",\n/);
  });
  it('4-space file', () => {
    const text = j('{', '    "Resources": {', '        "Logs": {', '            "Type": "AWS::S3::Bucket"', '        }', '    }', '}');
    const out = fixed(text, rules, 't.policy');
    assert.match(out, /\n {8}"LogsPolicy": \{\n {12}"Type": "AWS::S3::BucketPolicy",\n/);
  });
});

describe('JSON: suppress action and editor paths', () => {
  it('suppressInMetadata adds Metadata.hipaa.ignore with the placeholder', () => {
    const text = j('{', '  "Resources": {', '    "Db": {', '      "Type": "AWS::RDS::DBInstance",', '      "Properties": { "StorageEncrypted": false }', '    }', '  }', '}');
    const result = run(text, RDS, { file: FILE });
    const fix = fixesFor(result, active(result)[0]).find((f) => f.kind === 'suppress')!;
    const out = applyEdits(text, fix.edits);
    assert.deepEqual(JSON.parse(out).Resources.Db.Metadata, { hipaa: { ignore: [{ id: 'rds.storage-encrypted', reason: '<reason>' }] } });
    // A second suppression appends to the list.
    const t2 = parseCloudFormation(out, FILE, 'cloudformation-json');
    const more = applyEdits(out, new JsonEditor(t2).suppressInMetadata(t2.resources[0], 'x.y', 'because'));
    assert.deepEqual(JSON.parse(more).Resources.Db.Metadata.hipaa.ignore.map((i: { id: string }) => i.id), ['rds.storage-encrypted', 'x.y']);
  });
  it('pathOf a key position is the path of its value', () => {
    const text = '{ "Resources": { "Db": { "Type": "AWS::RDS::DBInstance" } } }';
    const t = parseCloudFormation(text, FILE, 'cloudformation-json');
    const editor = new JsonEditor(t);
    assert.deepEqual(editor.pathOf(t.resources[0].nameRange.start), ['Resources', 'Db']);
    assert.deepEqual(editor.pathOf(t.resources[0].typeRange!.start), ['Resources', 'Db', 'Type']);
  });
});
