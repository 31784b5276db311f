/** The PHI detector on a table of strings that must and must not fire (each row is its own test), and the check using it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../../server/src/core/config/config';
import { analyze } from '../../server/src/core/engine';
import { createPhiDetector, describeMatches, type PhiKind } from '../../server/src/core/rules/checks/phi-detector';
import { loadRuleSet } from '../../server/src/core/rules/loader';

const detect = createPhiDetector({
  words: ['Jane Doe', 'oncology', 'Smith'],
  patterns: ['PT-[0-9]{6}', 'invalid[regex'],
});

const shouldFire: [string, PhiKind][] = [
  ['123-45-6789', 'ssn'],
  ['patient-123-45-6789-scans', 'ssn'],
  ['backup_123_45_6789', 'ssn'],
  ['123 45 6789', 'ssn'],
  ['SSN 123-45-6789 2 visits', 'ssn'],
  ['ssn 123456789', 'ssn'],
  ['patientSSN-123456789', 'ssn'],
  ['MRN-00123456', 'mrn'],
  ['mrn12345', 'mrn'],
  ['records for MRN# 12-34-56', 'mrn'],
  ['medical-record-no-4455667', 'mrn'],
  ['patientMrn_7654321', 'mrn'],
  ['01/15/1980', 'dob'],
  ['visit 1/5/1975', 'dob'],
  ['room 12 01/15/1980', 'dob'],
  ['31/12/1999', 'dob'],
  ['15.01.1980', 'dob'],
  ['05-23-1966', 'dob'],
  ['dob-1980-01-15', 'dob'],
  ['DOB: 19800115', 'dob'],
  ['patientDob 1980_01_15', 'dob'],
  ['born Jan 15, 1980', 'dob'],
  ['date of birth 15 March 1980', 'dob'],
  ['birthdate=80-01-15', 'dob'],
  ['(555) 234-5678', 'phone'],
  ['555-234-5678', 'phone'],
  ['call 555.234.5678', 'phone'],
  ['+1 555 234 5678', 'phone'],
  ['+1-555-234-5678', 'phone'],
  ['+15552345678', 'phone'],
  ['1-800-555-0199', 'phone'],
  ['tel-212-555-0147', 'phone'],
  ['jane.doe@gmail.com', 'email'],
  ['contact: j.smith+labs@hospital.org', 'email'],
  ['Jane Doe', 'word'],
  ['jane_doe-records', 'word'],
  ['JANE-DOE', 'word'],
  ['OncologyScans', 'word'],
  ['patient-smith-bucket', 'word'],
  ['record PT-123456', 'pattern'],
];

const shouldNotFire: string[] = [
  'patient-records-bucket',
  'PatientRecordsTable',
  'phi-data-lake-prod',
  'arn:aws:iam::123456789012:role/app-role',
  'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  'arn:aws:sns:us-east-1:123456789012:alerts',
  '123456789012',
  '1234abcd-12ab-34cd-56ef-1234567890ab',
  '123e4567-e89b-12d3-a456-426614174000',
  'alias/patient-data-key',
  '10.0.0.0/16',
  '192.168.100.200/24',
  '172.31.255.255',
  '1.2.3',
  'v2024.01.15',
  '2024-01-15',
  'created 2024-01-15',
  '2024-01-15T10:30:00Z',
  '20240115-build',
  '1.2.3-beta.4',
  '6.2.14',
  'redis7.x',
  'default.redis6.x.cluster.on',
  '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.2.3',
  'ami-0abcdef1234567890',
  'sg-0123456789abcdef0',
  'subnet-0a1b2c3d4e5f67890',
  'cron(0 12 * * ? *)',
  'rate(5 minutes)',
  's3://patient-archive/2024/01/15/',
  'ports 8080-8090',
  'Owner',
  'CostCenter',
  'cc-1234-5678',
  '/aws/lambda/patient-intake',
  'api.example.com',
  'noreply@example.com',
  'alerts@hospital.org',
  'devops-team@hospital.org',
  '000-12-3456',
  '666-12-3456',
  '912-34-5678',
  '123-00-4567',
  '123-45-0000',
  '10.123.45.6789',
  '13/13/1980',
  '123.456.7890',
  '555-1234',
  '5552345678',
  'adobe-1980-01-15',
  'stubborn 2020-01-01',
  'doe',
  'does-not-matter',
  'smithsonian',
  'mrn-lookup-service',
  'mrn 1234',
  'Stores patient intake forms for the clinic',
  'AuthToken rotation every 90 days',
  '2001:db8::/32',
  'arn:aws:states:us-east-1:123456789012:stateMachine:intake-2024-01-15',
  'arn:aws:lambda:us-east-1:123456789012:function:intake:$LATEST',
  '12345678-1234-5678-1234-567812345678',
  'kms key 0a1b2c3d-4e5f-6789-abcd-ef0123456789',
  'us-east-1',
  'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012',
  'sun:05:00-sun:06:00',
  'Jira PROJ-1234',
  '10:30:00',
  '2024/01/15',
  'logs-2024.01.15',
  'build 20240115.3',
  'i-0123456789abcdef0',
  'db.r6g.large',
  'aurora-postgresql 15.4',
  'Allow HTTPS from 10.0.0.0/8 on 443',
  '{"Comment":"Intake workflow","StartAt":"Validate","States":{"Validate":{"Type":"Pass","End":true}}}',
];

describe('phi-detector: should fire', () => {
  for (const [text, kind] of shouldFire) {
    it(`${JSON.stringify(text)} is ${kind}`, () => {
      const kinds = detect(text).map((m) => m.kind);
      assert.ok(kinds.includes(kind), `expected ${kind}, got [${kinds.join(', ')}]`);
    });
  }
});

describe('phi-detector: should not fire', () => {
  for (const text of shouldNotFire) {
    it(JSON.stringify(text), () => {
      assert.deepEqual(detect(text).map((m) => `${m.kind}: ${text.slice(m.start, m.end)}`), []);
    });
  }
});

describe('phi-detector: details', () => {
  it('reports positions of the matched text', () => {
    const [m] = detect('x-123-45-6789');
    assert.equal('x-123-45-6789'.slice(m.start, m.end), '123-45-6789');
  });
  it('describes several kinds once each, without the matched text', () => {
    const text = 'jane.doe@gmail.com 123-45-6789 234-56-7890';
    const d = describeMatches(createPhiDetector()(text));
    assert.equal(d, 'an e-mail address and a US Social Security number');
    assert.ok(!d.includes('123'));
  });
  it('names a kind once even when two of its patterns match', () => {
    assert.equal(describeMatches(createPhiDetector()('DOB 01/15/1980')), 'a date of birth (a month/day/year date)');
  });
  it('without configured words or patterns, names do not fire', () => {
    assert.deepEqual(createPhiDetector()('Jane Doe oncology PT-123456'), []);
  });
  it('ignores empty words and invalid patterns', () => {
    assert.deepEqual(createPhiDetector({ words: ['', '  '], patterns: ['('] })('anything at all'), []);
  });
  // Long runs of word characters made a plain e-mail regex quadratic; keep every scan linear.
  const adversarial = ['x'.repeat(100_000), `${'x'.repeat(100_000)}@`, `a@${'b.'.repeat(50_000)}`, '12-'.repeat(40_000),
    '1-2-3 a.b.c 12-34 '.repeat(10_000), 'dob 1/1/80 '.repeat(10_000), `${'dob '.repeat(20_000)}${'1/1/80 '.repeat(10_000)}`];
  for (const text of adversarial) {
    it(`is fast on ${JSON.stringify(text.slice(0, 12))}… (${text.length} characters)`, () => {
      const t = Date.now();
      detect(text);
      assert.ok(Date.now() - t < 1000, `${Date.now() - t} ms`);
    });
  }
});

describe('phi-in-names-tags check (through the engine)', () => {
  const rules = loadRuleSet();
  const config = { ...defaultConfig(), phi: { words: ['Jane Doe'], patterns: ['PT-\\d{6}'] } };
  const run = (body: string) =>
    analyze({ file: '/t/template.yaml', text: `Resources:\n${body}`, rules, config }).findings.filter((f) => f.ruleId === 'general.no-phi-in-names-tags');

  it('uses phi.words and phi.patterns from the configuration, without echoing them', () => {
    const got = run('  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: jane-doe-intake\n      Tags:\n        - { Key: Case, Value: PT-123456 }\n');
    assert.equal(got.length, 2);
    for (const f of got) assert.ok(!/jane|doe|PT-1/i.test(f.message), f.message);
    assert.match(got[0].message, /^QueueName looks like it contains a word from the PHI word list/);
    assert.match(got[1].message, /^Tags\[0\]\.Value looks like it contains a match for custom PHI pattern 1/);
  });

  it('checks map-form tag keys and keys inside a state machine Definition, never naming them', () => {
    const got = run([
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Tags: { "jane.doe@gmail.com": owner }',
      '  Flow:',
      '    Type: AWS::StepFunctions::StateMachine',
      '    Properties:',
      '      Definition:',
      '        StartAt: Call 555-234-5678',
      '        States:',
      '          "Call 555-234-5678": { Type: Pass, End: true }',
      '',
    ].join('\n'));
    assert.deepEqual(got.map((f) => f.message.split(' looks')[0]), ['A tag key in Tags', 'A value in Definition', 'A key in Definition']);
  });

  it('reads the literal parts of !Join and !Sub', () => {
    const got = run("  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Join ['-', [scans, !Ref 'AWS::Region', '123-45-6789']]\n");
    assert.equal(got.length, 1);
    assert.match(got[0].message, /Social Security/);
  });

  it('does not look at values that are not names (policy documents, environment values)', () => {
    const got = run('  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment:\n        Variables:\n          CONTACT: 555-234-5678\n');
    assert.deepEqual(got, []);
  });
});
