/**
 * Designer tests deploy new versions of built-in loops to the engine the suites of a Jest worker
 * share; other suites assert their element names and forms. They end by deploying the diagram and
 * its forms from `processes/` again through the designer API, so later suites run on the files'
 * content (a new version).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Agent } from 'supertest';
import { formResources, PROCESSES_DIR } from '../lib/processes';

export const fileDiagram = (processId = 'event-handling') =>
  readFileSync(path.join(PROCESSES_DIR, `${processId}.bpmn`), 'utf8');

/** `event-handling` with its 处置 task renamed, as a designer would save it. */
export const renamedHandle = (name: string) =>
  fileDiagram().replace(
    '<bpmn:userTask id="handle" name="处置"',
    `<bpmn:userTask id="handle" name="${name}"`,
  );

/** The repository's forms a diagram names, as the designer API takes them. */
export const fileForms = (xml: string) =>
  formResources(xml).map(({ name }) => ({
    schema: JSON.parse(readFileSync(path.join(PROCESSES_DIR, name), 'utf8')) as Record<string, unknown>,
  }));

/**
 * The file's diagram with the file's forms: without them a deploy keeps the forms the latest
 * version deployed, which a form-editor test may have changed.
 */
export async function restoreFileDiagram(designer: Agent, processId = 'event-handling') {
  const xml = fileDiagram(processId);
  await designer
    .post('/api/processes/deployments')
    .send({ xml, forms: fileForms(xml) })
    .expect(201);
}

export const fileDecision = (name = 'assessment-weights') =>
  readFileSync(path.join(PROCESSES_DIR, `${name}.dmn`), 'utf8');

/** `assessment-weights` with the yellow card deduction changed, as a designer would save it. */
export const yellowCard = (points: number) =>
  fileDecision().replace(
    '<outputEntry id="r1-yellow"><text>5</text>',
    `<outputEntry id="r1-yellow"><text>${points}</text>`,
  );

/** Leaves the file's weights as the latest decision for later suites (a kept engine too). */
export async function restoreFileDecision(designer: Agent, name = 'assessment-weights') {
  await designer
    .post('/api/processes/decisions')
    .send({ xml: fileDecision(name) })
    .expect(201);
}
