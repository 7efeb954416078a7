import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, decodeLink, encodeLink } from '../../src/models/codec';
import { defaultExperiment } from '../../src/models/defaults';
import { DEFAULT_EDITOR_POLICY, allowsLayer, decodePolicy } from '../../src/models/editorPolicy';
import { openTemplate } from '../../src/models/openTemplate';
import { templateById } from '../../src/models/templates';
import { buildLoad } from '../../src/lessons/load';
import { validateLesson } from '../../src/lessons/validate';
import { TOUR_TARGETS } from '../../src/lessons/format';
import { isMessageKey } from '../../src/i18n';
import { problemText } from '../../src/lessons/teacher/problemText';
import {
  checkTeacherLesson,
  decodeTeacherFile,
  decodeTeacherLink,
  encodeTeacherFile,
  encodeTeacherLink,
  TEACHER_LESSON_LIMITS,
  teacherLessonUrl,
  toLesson,
  type TeacherLesson,
  type TeacherProblem,
} from '../../src/lessons/teacher/teacherLesson';
import { createAppStore } from '../../src/store/createAppStore';
import { encodeWork, loadStartup, shareUrl } from '../../src/store/persistence';

const cnn = () => openTemplate(defaultExperiment(), templateById('lenet5')!);

const good = (): TeacherLesson => ({
  lang: 'zh-CN',
  title: '学习率有多大？',
  steps: [
    { text: '损失是 $L = \\frac{1}{n}\\sum_i (y_i - \\hat y_i)^2$，其中 $a < b$。', setup: defaultExperiment(), target: 'learning-rate', check: 'step > 20' },
    { text: '- 把**学习率**调大\n- 再训练一次' },
  ],
});

const fileWith = (patch: (f: Record<string, unknown>) => void) => {
  const f = JSON.parse(encodeTeacherFile(good())) as Record<string, unknown>;
  patch(f);
  return JSON.stringify(f);
};
const problemsOf = (text: string): TeacherProblem[] => {
  const d = decodeTeacherFile(text);
  if (d.ok) throw new Error('expected the lesson to be rejected');
  return d.problems;
};
const stepsOf = (f: Record<string, unknown>) => f.steps as Record<string, unknown>[];

describe('teacher-made lessons', () => {
  it('round-trip through a file: the same lesson, in its language, valid by the curriculum validator', () => {
    const decoded = decodeTeacherFile(encodeTeacherFile(good()));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.teacher).toEqual(good());
    expect(decoded.teacher.lang).toBe('zh-CN');
    expect(validateLesson(decoded.lesson).ok).toBe(true);
    // The teacher's words are shown as written in either UI language (never translated).
    expect(decoded.lesson.steps[1].text.en).toBe(good().steps[1].text);
    expect(decoded.lesson.steps[1].text['zh-CN']).toBe(good().steps[1].text);
    expect(decoded.lesson.id).toMatch(/^teacher-[0-9a-f]{8}$/);
  });

  it('a step with a setup loads exactly that Experiment, and has Show me (play); a plain step has neither', () => {
    const t = good();
    t.steps[0].setup = cnn();
    const lesson = toLesson(t);
    const loaded = buildLoad(lesson.steps[0].load!);
    expect(loaded.ok && loaded.experiment).toEqual(cnn());
    expect(lesson.steps[0].showMe).toEqual([{ run: 'play' }]);
    expect(lesson.steps[1].load).toBeUndefined();
    expect(lesson.steps[1].showMe).toBeUndefined();
    expect(lesson.steps[0].target).toBe('learning-rate');
  });

  it('round-trip through a link; a lesson too long for a link says so (null) and still saves as a file', () => {
    const url = teacherLessonUrl('https://gg.example/app/?lang=en#s=old', good())!;
    expect(url).toMatch(/^https:\/\/gg\.example\/app\/\?lesson=teacher-[0-9a-f]{8}#l=/);
    const back = decodeTeacherLink(url.slice(url.indexOf('#')));
    expect(back.ok && back.teacher).toEqual(good());
    // Incompressible text: 4 steps of 4,000 pseudo-random characters each.
    let seed = 7;
    const noise = () => Array.from({ length: 4000 }, () => String.fromCharCode(0x4e00 + ((seed = (seed * 1103515245 + 12345) >>> 0) % 2000))).join('');
    const long: TeacherLesson = { lang: 'zh-CN', title: '长', steps: [1, 2, 3, 4].map(() => ({ text: noise() })) };
    expect(checkTeacherLesson(long).ok).toBe(true);
    expect(encodeTeacherLink(long)).toBeNull();
    expect(teacherLessonUrl('https://x/', long)).toBeNull();
    expect(decodeTeacherFile(encodeTeacherFile(long)).ok).toBe(true);
  });

  it('rejects HTML, script and javascript: links, naming the step and the field', () => {
    const script = problemsOf(fileWith((f) => (stepsOf(f)[1].text = 'Hi <script>alert(1)</script>')));
    expect(script[0]).toMatchObject({ key: 'teacher.err.html', step: 2, field: 'text' });
    expect(problemText('en', script[0])).toBe('Step 2, Text: HTML is not allowed (found “<script>”)');
    expect(problemText('zh-CN', script[0])).toBe('第 2 步的正文：不允许使用 HTML（发现“<script>”）');
    const js = problemsOf(fileWith((f) => (stepsOf(f)[0].text = 'Click javascript:alert(1)')));
    expect(js[0]).toMatchObject({ key: 'teacher.err.script', step: 1, field: 'text' });
    // Even inside a code span: nothing a lesson shows needs it.
    expect(problemsOf(fileWith((f) => (stepsOf(f)[0].text = 'see `JavaScript:void(0)`')))[0]).toMatchObject({ key: 'teacher.err.script' });
    expect(problemsOf(fileWith((f) => (stepsOf(f)[1].text = '<img src=x onerror=alert(1)>')))[0]).toMatchObject({ key: 'teacher.err.html', step: 2 });
    expect(problemsOf(fileWith((f) => (stepsOf(f)[1].text = 'a &lt; b')))[0]).toMatchObject({ key: 'teacher.err.html', step: 2 });
    expect(problemsOf(fileWith((f) => (f.title = '<b>Title</b>')))[0]).toMatchObject({ key: 'teacher.err.html', field: 'title' });
    // `<` inside a formula is mathematics: the good lesson has `$a < b$`.
    expect(decodeTeacherFile(encodeTeacherFile(good())).ok).toBe(true);
  });

  it('rejects a bad check with the parser error and where it is', () => {
    const bad = problemsOf(fileWith((f) => (stepsOf(f)[0].check = 'testAcc >=')));
    expect(bad[0]).toMatchObject({ key: 'teacher.err.check', step: 1, field: 'check' });
    const unknown = problemsOf(fileWith((f) => (stepsOf(f)[1].check = 'accuracy > 0.9')));
    expect(unknown[0]).toMatchObject({ key: 'teacher.err.check', step: 2 });
    expect(problemText('en', unknown[0])).toMatch(/^Step 2, Check: .*accuracy/);
  });

  it('rejects what breaks the limits, the shape or the codec', () => {
    expect(problemsOf(fileWith((f) => (stepsOf(f)[1].text = 'x'.repeat(TEACHER_LESSON_LIMITS.text + 1))))[0]).toMatchObject({ key: 'teacher.err.tooLong', step: 2, field: 'text' });
    expect(problemsOf(fileWith((f) => (f.steps = Array.from({ length: TEACHER_LESSON_LIMITS.steps + 1 }, () => ({ text: 'a' })))))[0]).toMatchObject({ key: 'teacher.err.tooManySteps' });
    expect(problemsOf(fileWith((f) => (f.steps = []))).map((p) => p.key)).toContain('teacher.err.noSteps');
    expect(problemsOf(fileWith((f) => (f.title = ' ')))[0]).toMatchObject({ key: 'teacher.err.empty', field: 'title' });
    expect(problemsOf(fileWith((f) => (stepsOf(f)[1].text = '')))[0]).toMatchObject({ key: 'teacher.err.empty', step: 2 });
    expect(problemsOf(fileWith((f) => (stepsOf(f)[1].target = 'nowhere')))[0]).toMatchObject({ key: 'teacher.err.target', step: 2, field: 'target' });
    expect(problemsOf(fileWith((f) => (stepsOf(f)[1].onload = 'x')))[0]).toMatchObject({ key: 'teacher.err.shape', step: 2 });
    const badSetup = problemsOf(fileWith((f) => (stepsOf(f)[0].setup = { version: 1, network: { nodes: [{ id: 'a', type: 'Nope', params: {}, inputs: [] }] } })));
    expect(badSetup[0]).toMatchObject({ key: 'teacher.err.setup', step: 1, field: 'setup', vars: { reason: 'codec.unknownLayer' } });
    expect(problemsOf(fileWith((f) => (f.format = 99)))[0].key).toBe('teacher.err.newer');
    expect(problemsOf(fileWith((f) => (f.kind = 'experiment')))[0].key).toBe('teacher.err.notLesson');
    expect(problemsOf('{ not json')[0].key).toBe('teacher.err.notJson');
    expect(problemsOf(' '.repeat(TEACHER_LESSON_LIMITS.file + 1))[0].key).toBe('teacher.err.tooLarge');
    // An Experiment file is not a lesson file.
    expect(problemsOf(JSON.stringify({ app: 'gradient-garden', ...defaultExperiment() }))[0].key).toBe('teacher.err.notLesson');
  });

  it('every highlight the editor offers has a name in both languages', () => {
    expect(TOUR_TARGETS.filter((id) => !isMessageKey(`teacher.target.${id}`))).toEqual([]);
  });

  it('rejects damaged links', () => {
    expect(decodeTeacherLink('#l=%%%').ok).toBe(false);
    const notJson = decodeTeacherLink(`#l=${compressToEncodedURIComponent('{oops')}`);
    expect(!notJson.ok && notJson.problems[0].key).toBe('teacher.err.notJson');
    const evil = `#l=${compressToEncodedURIComponent(fileWith((f) => (stepsOf(f)[0].text = '<iframe src=javascript:alert(1)>')))}`;
    const rejected = decodeTeacherLink(evil);
    expect(!rejected.ok && rejected.problems[0]).toMatchObject({ step: 1, field: 'text' });
    // What a link carries is the file's text, compressed.
    const fragment = encodeTeacherLink(good())!;
    expect(JSON.parse(decompressFromEncodedURIComponent(fragment.slice(2))!)).toMatchObject({ kind: 'lesson', lang: 'zh-CN' });
  });
});

describe("the editor's palette and edit mode through links", () => {
  const experiment = defaultExperiment();

  it('round-trip: the chosen layer types (in catalog order) and read-only', () => {
    const link = encodeLink({ experiment, view: DEFAULT_VIEW, hide: [], editor: { palette: ['Dropout', 'Dense'], edit: false } });
    const back = decodeLink(link);
    expect(back.ok && back.value.editor).toEqual({ palette: ['Dense', 'Dropout'], edit: false });
    const editable = decodeLink(encodeLink({ experiment, view: DEFAULT_VIEW, hide: [], editor: { palette: ['Conv2D'], edit: true } }));
    expect(editable.ok && editable.value.editor).toEqual({ palette: ['Conv2D'], edit: true });
    const none = decodeLink(encodeLink({ experiment, view: DEFAULT_VIEW, hide: [], editor: { palette: [], edit: true } }));
    expect(none.ok && none.value.editor).toEqual({ palette: [], edit: true });
  });

  it('the default restricts nothing and adds nothing to a link; old links decode unrestricted', () => {
    const plain = encodeLink({ experiment, view: DEFAULT_VIEW, hide: [] });
    expect(encodeLink({ experiment, view: DEFAULT_VIEW, hide: [], editor: DEFAULT_EDITOR_POLICY })).toBe(plain);
    const back = decodeLink(plain);
    expect(back.ok && back.value.editor).toBeUndefined();
  });

  it('unknown layer types are dropped and a malformed rule restricts nothing', () => {
    expect(decodePolicy({ p: ['Dense', 'FutureLayer'], ro: 1 })).toEqual({ palette: ['Dense'], edit: false });
    expect(decodePolicy({ p: 'Dense' })).toEqual(DEFAULT_EDITOR_POLICY);
    expect(decodePolicy({ ro: true })).toEqual(DEFAULT_EDITOR_POLICY);
    expect(allowsLayer({ palette: ['Dense'], edit: true }, 'Dense')).toBe(true);
    expect(allowsLayer({ palette: ['Dense'], edit: true }, 'Conv2D')).toBe(false);
    expect(allowsLayer({ palette: null, edit: false }, 'Dense')).toBe(false);
  });

  it("a student opening the teacher's share link gets that editor; the student's own saved work never restricts", () => {
    const teacher = createAppStore({ experiment: cnn() });
    const url = shareUrl('https://gg.example/', teacher.getState(), [], { palette: ['Conv2D', 'MaxPool2D'], edit: false });
    const { initial } = loadStartup({ hash: url.slice(url.indexOf('#')), storage: null, languages: ['en'] });
    const student = createAppStore(initial);
    expect(student.getState().editorPolicy).toEqual({ palette: ['Conv2D', 'MaxPool2D'], edit: false });
    expect(student.getState().teacherStart).toEqual(cnn());
    const saved = decodeLink(encodeWork(student.getState()));
    expect(saved.ok && saved.value.editor).toBeUndefined();
    // The live address keeps the rule (a reload keeps the same view).
    const again = decodeLink(shareUrl('https://gg.example/', student.getState()).split('#')[1]);
    expect(again.ok && again.value.editor).toEqual({ palette: ['Conv2D', 'MaxPool2D'], edit: false });
  });
});
