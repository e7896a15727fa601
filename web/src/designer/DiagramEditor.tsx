import { useContext, useEffect, useRef, useState } from 'react';
import { Button, message } from 'antd';
import Modeler from 'bpmn-js/lib/Modeler';
import { is } from 'bpmn-js/lib/util/ModelUtil';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import lintModule from 'bpmn-js-bpmnlint';
import CamundaPlatformBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import 'bpmn-js-element-templates/dist/assets/element-templates.css';
import { api } from '../api';
import { I18nContext, useT } from '../i18n';
import { bpmnlintConfig } from './lintConfig';
import { translatedGroupsModule, translateModule } from './translate';
import { WorkerCatalog, type ElementTemplate } from './WorkerCatalog';

export interface LintIssue {
  id: string;
  rule: string;
  message: string;
  category: string;
}

export interface EditorHandle {
  saveXML(): Promise<string>;
  /** Selects a diagram element and scrolls it into view (a lint issue names its element by id). */
  show?(elementId: string): void;
}

type Element = { id: string; businessObject: unknown };
interface Services {
  elementRegistry: { get(id: string): Element | undefined };
  canvas: { getRootElement(): Element; scrollToElement(element: Element): void };
  elementTemplates: {
    set(templates: ElementTemplate[]): void;
    applyTemplate(element: Element, template: ElementTemplate): Element;
  };
  bpmnReplace: { replaceElement(element: Element, target: { type: string }): Element };
  selection: { get(): Element[]; select(element: Element): void };
  modeling: { updateProperties(element: Element, properties: Record<string, unknown>): void };
}

type BusinessObject = { get(name: string): unknown; id: string };

/**
 * The Camunda Form a user task or start event names (`camunda:formRef`, or a formKey naming a
 * form of its deployment), '' for such a step without a form, undefined for any other element.
 */
function formOf(element: Element | undefined): string | undefined {
  if (!element || !(is(element, 'bpmn:UserTask') || is(element, 'bpmn:StartEvent'))) return undefined;
  const bo = element.businessObject as BusinessObject;
  const ref = bo.get('camunda:formRef');
  if (typeof ref === 'string' && ref) return ref;
  const key = /^(?:camunda|operaton)-forms:deployment:(.+?)(?:\.form)?$/.exec(
    String(bo.get('camunda:formKey') ?? ''),
  );
  return key?.[1] ?? '';
}

const setTemplatesOn = (modeler: Modeler, templates: ElementTemplate[]) =>
  modeler.get<Services['elementTemplates']>('elementTemplates').set(templates);

/** The worker catalog's templates, read once per page from the API. */
let catalog: Promise<ElementTemplate[]> | undefined;
const workerTemplates = () =>
  (catalog ??= api<ElementTemplate[]>('/api/processes/worker-templates').catch((err: unknown) => {
    catalog = undefined;
    throw err;
  }));

/**
 * bpmn-js with the Camunda 7 properties panel (external task topics, candidate groups, due dates,
 * timers, form references, decision references, history time-to-live), the Camunda Platform
 * modelling behaviours, live lint with the project's rules, and the worker catalog: Camunda 7
 * element templates from the API (bpmn-js-element-templates), picked by Chinese name from
 * 自动步骤目录 or the properties panel's template 选择; applying one makes the selected task an
 * external task on the worker's topic with its input and output mappings. What Operaton runs and
 * Camunda Modeler (Camunda 7 target) opens.
 */
export function DiagramEditor({
  xml,
  onLint,
  onReady,
  onEdit,
  onEditForm,
}: {
  xml: string;
  /** 编辑表单 on the selected step: the form's id (a step without one gets `<process>-<step>` first). */
  onEditForm: (formId: string) => void;
  onLint: (issues: LintIssue[]) => void;
  onReady: (editor: EditorHandle) => void;
  /** The first change after opening: the page then warns before the edit is left unsaved. */
  onEdit: () => void;
}) {
  const t = useT();
  const canvas = useRef<HTMLDivElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const modelerRef = useRef<Modeler | null>(null);
  // Read when bpmn-js renders a label, so switching language never rebuilds (and loses) the edit.
  const { locale } = useContext(I18nContext);
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const callbacks = useRef({ onLint, onReady, onEdit });
  callbacks.current = { onLint, onReady, onEdit };
  /** The selected step's form: its id, '' when it has none yet, undefined when no step is selected. */
  const [selectedForm, setSelectedForm] = useState<string>();
  const [templates, setTemplates] = useState<ElementTemplate[]>([]);
  /** The task the catalog is open for. */
  const [choosing, setChoosing] = useState<Element | null>(null);
  const templatesRef = useRef(templates);
  templatesRef.current = templates;

  useEffect(() => {
    let alive = true;
    workerTemplates().then(
      (list) => alive && setTemplates(list),
      (err: unknown) => console.warn('worker catalog not loaded', err),
    );
    return () => {
      alive = false;
    };
  }, []);

  useEffect(() => {
    let alive = true;
    let created: Modeler | undefined;
    // bpmn-js-element-templates (~0.5 MB with its schema validator) is a chunk of its own.
    void import('bpmn-js-element-templates').then(({ ElementTemplatesPropertiesProviderModule }) => {
      if (alive) created = create(ElementTemplatesPropertiesProviderModule);
    });
    const create = (elementTemplatesModule: Record<string, unknown>) => {
      const modeler = new Modeler({
        container: canvas.current!,
        propertiesPanel: { parent: panel.current! },
        linting: { bpmnlint: bpmnlintConfig, active: true },
        additionalModules: [
          BpmnPropertiesPanelModule,
          BpmnPropertiesProviderModule,
          CamundaPlatformPropertiesProviderModule,
          elementTemplatesModule,
          CamundaPlatformBehaviorsModule,
          lintModule,
          translateModule(() => localeRef.current),
          translatedGroupsModule,
        ],
        moddleExtensions: { camunda: camundaModdle },
      });
      modelerRef.current = modeler;
      modeler.on('linting.completed', (e: { issues: Record<string, Omit<LintIssue, 'id'>[]> }) =>
        callbacks.current.onLint(
          Object.entries(e.issues).flatMap(([id, list]) => list.map((issue) => ({ ...issue, id }))),
        ),
      );
      modeler.on('commandStack.changed', () => {
        callbacks.current.onEdit();
        setSelectedForm(formOf(modeler.get<Services['selection']>('selection').get()[0]));
      });
      modeler.on('selection.changed', (e: { newSelection: Element[] }) =>
        setSelectedForm(e.newSelection.length === 1 ? formOf(e.newSelection[0]) : undefined),
      );
      // The properties panel's template 选择 / 更换 opens the catalog for that task.
      modeler.on('elementTemplates.select', (e: { element: Element }) => setChoosing(e.element));
      setTemplatesOn(modeler, templatesRef.current);
      modeler.importXML(xml).then(() => {
        if (!alive) return;
        (modeler.get('canvas') as { zoom(level: string): void }).zoom('fit-viewport');
        callbacks.current.onReady({
          saveXML: async () => (await modeler.saveXML({ format: true })).xml ?? '',
          show: (elementId) => {
            const element = modeler.get<Services['elementRegistry']>('elementRegistry').get(elementId);
            if (!element) return;
            const canvasService = modeler.get<Services['canvas']>('canvas');
            // The process itself (an issue of the whole diagram) is the canvas: nothing to scroll to.
            if (element !== canvasService.getRootElement()) canvasService.scrollToElement(element);
            modeler.get<Services['selection']>('selection').select(element);
          },
        });
      });
      return modeler;
    };
    return () => {
      alive = false;
      modelerRef.current = null;
      created?.destroy();
    };
  }, [xml]);

  useEffect(() => {
    if (modelerRef.current) setTemplatesOn(modelerRef.current, templates);
  }, [templates]);

  const service = <K extends keyof Services>(name: K) => modelerRef.current!.get<Services[K]>(name);

  /** 放大 / 缩小 / 适应画布: a large diagram on a small canvas needs more than the mouse wheel. */
  const zoom = (by: number | 'fit') => {
    const canvasService = modelerRef.current?.get<{ zoom(level?: number | string): number }>('canvas');
    if (!canvasService) return;
    if (by === 'fit') canvasService.zoom('fit-viewport');
    else canvasService.zoom(canvasService.zoom() * by);
  };

  /** 自动步骤目录 for the one selected task. */
  const openCatalog = () => {
    const selected = service('selection').get();
    if (selected.length !== 1 || !is(selected[0], 'bpmn:Task')) {
      void message.info(t('workerCatalogSelectTask'));
      return;
    }
    setChoosing(selected[0]);
  };

  /** 编辑表单 / 新建表单: a step without a form first names one after its process and itself. */
  const editForm = () => {
    const [element] = service('selection').get();
    if (selectedForm === undefined || !element) {
      void message.info(t('form.selectStep'));
      return;
    }
    if (selectedForm) return onEditForm(selectedForm);
    const processId = (service('canvas').getRootElement().businessObject as BusinessObject).id;
    const formId = `${processId}-${element.id}`.replace(/[^A-Za-z0-9_.-]/g, '-');
    service('modeling').updateProperties(element, {
      'camunda:formRef': formId,
      'camunda:formRefBinding': 'deployment',
    });
    onEditForm(formId);
  };

  /** The chosen worker on the task: a task of another kind becomes a service task first. */
  const apply = (template: ElementTemplate) => {
    let element = choosing!;
    if (!is(element, 'bpmn:ServiceTask')) {
      element = service('bpmnReplace').replaceElement(element, { type: 'bpmn:ServiceTask' });
    }
    element = service('elementTemplates').applyTemplate(element, template);
    service('selection').select(element);
    setChoosing(null);
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <div style={{ padding: '4px 0', display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <Button size="small" onClick={() => zoom(1.25)} aria-label={t('zoomIn')}>
          ＋
        </Button>
        <Button size="small" onClick={() => zoom(0.8)} aria-label={t('zoomOut')}>
          －
        </Button>
        <Button size="small" data-testid="zoom-fit" onClick={() => zoom('fit')}>
          {t('zoomFit')}
        </Button>
        <Button
          size="small"
          data-testid="open-worker-catalog"
          disabled={!templates.length}
          onClick={openCatalog}
        >
          {t('workerCatalog')}
        </Button>
        <Button size="small" data-testid="open-form-editor" onClick={editForm}>
          {selectedForm === '' ? t('form.new') : t('form.edit')}
        </Button>
      </div>
      <div
        className="designer-editor"
        style={{ display: 'flex', flex: 1, minHeight: 0, border: '1px solid #d9d9d9' }}
      >
        <div
          ref={canvas}
          data-testid="designer-canvas"
          style={{ flex: 1, minWidth: 0, position: 'relative' }}
        />
        <div
          ref={panel}
          data-testid="designer-properties"
          style={{ width: 300, maxWidth: '45%', overflow: 'auto', borderLeft: '1px solid #d9d9d9' }}
        />
      </div>
      <WorkerCatalog
        open={choosing !== null}
        templates={templates}
        onPick={apply}
        onClose={() => setChoosing(null)}
      />
    </div>
  );
}
