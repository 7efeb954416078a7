import { useEffect, useRef, useState, type RefObject } from 'react';
import { OWN_IMAGE_LIMITS, OWN_IMAGE_SIDE, type OwnImageClass } from '../data/ownImages';
import { useT } from '../i18n';
import { useAppStore } from '../store/context';
import { cameraAvailable, captureFrame, decodeImageFile } from './ownImageDecode';
import { FileButton } from '../ui/FileButton';
import './ownMedia.css';

/** A 28×28 grey image, drawn at `size` pixels. */
function Thumb({ pixels, size = 32 }: { pixels: Uint8Array; size?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(OWN_IMAGE_SIDE, OWN_IMAGE_SIDE);
    pixels.forEach((v, i) => img.data.set([v, v, v, 255], i * 4));
    ctx.putImageData(img, 0, 0);
  }, [pixels]);
  return <canvas ref={ref} width={OWN_IMAGE_SIDE} height={OWN_IMAGE_SIDE} style={{ width: size, height: size }} aria-hidden="true" />;
}

/** One class: its name, thumbnails, and the ways to add pictures to it. */
function ClassCard({ cls, index, camera, cameraOn }: { cls: OwnImageClass; index: number; camera: RefObject<HTMLVideoElement | null>; cameraOn: boolean }) {
  const t = useT();
  const addImages = useAppStore((s) => s.addImages);
  const removeImage = useAppStore((s) => s.removeImage);
  const editClasses = useAppStore((s) => s.editClasses);
  const notify = useAppStore((s) => s.notify);
  const count = useAppStore((s) => s.ownImages?.classes.length ?? 0);
  const [name, setName] = useState(cls.name);
  const [over, setOver] = useState(false);

  const addFiles = async (files: FileList | File[] | null) => {
    const list = Array.from(files ?? []);
    const good: Uint8Array[] = [];
    for (const file of list) {
      const out = await decodeImageFile(file);
      // One bad picture is named; the good ones are still added.
      if ('key' in out) notify({ kind: 'error', key: 'ownImg.rejected', vars: { name: file.name }, cause: out });
      else good.push(out);
    }
    if (good.length && addImages(index, good) > 0 && good.length === list.length) notify({ kind: 'info', key: 'ownImg.added', vars: { n: good.length, name: cls.name } });
  };
  const capture = () => {
    const frame = camera.current ? captureFrame(camera.current) : null;
    if (frame) addImages(index, [frame]);
  };
  return (
    <li
      className={`own-class${over ? ' drop-over' : ''}`}
      data-testid={`own-class-${index}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void addFiles(e.dataTransfer.files);
      }}
    >
      <div className="own-class-head">
        <input
          className="own-class-name"
          value={name}
          aria-label={t('ownImg.className', { n: index + 1 })}
          maxLength={OWN_IMAGE_LIMITS.name}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => name !== cls.name && !editClasses({ type: 'rename', index, name }) && setName(cls.name)}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
        <span className="own-count">{t('ownImg.count', { n: cls.images.length })}</span>
        {count > OWN_IMAGE_LIMITS.minClasses ? (
          <button type="button" className="own-x" aria-label={t('ownImg.removeClass', { name: cls.name })} onClick={() => editClasses({ type: 'remove', index })}>
            ×
          </button>
        ) : null}
      </div>
      <ul className="own-thumbs">
        {cls.images.map((im, j) => (
          <li key={j}>
            <button type="button" className="own-thumb" aria-label={t('ownImg.remove', { n: j + 1, name: cls.name })} title={t('ownImg.remove', { n: j + 1, name: cls.name })} onClick={() => removeImage(index, j)}>
              <Thumb pixels={im} />
            </button>
          </li>
        ))}
      </ul>
      <div className="own-class-actions">
        <FileButton accept="image/*" multiple testId={`own-add-${index}`} inputTestId={`own-files-${index}`} onFiles={(files) => void addFiles(files)}>
          {t('ownImg.addFiles')}
        </FileButton>
        {cameraOn ? (
          <button type="button" onClick={capture} data-testid={`own-snap-${index}`}>
            {t('ownImg.capture')}
          </button>
        ) : null}
        <span className="hint">{t('ownImg.drop')}</span>
      </div>
    </li>
  );
}

/** The camera, on request: feature-detected, and a refusal is a notice (files still work). */
function useCamera() {
  const notify = useAppStore((s) => s.notify);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
    return () => stream?.getTracks().forEach((tr) => tr.stop());
  }, [stream]);
  const start = async () => {
    try {
      setStream(await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 }, audio: false }));
    } catch {
      notify({ kind: 'warning', key: 'ownImg.err.camera' });
    }
  };
  return { on: stream !== null, video, start, stop: () => setStream(null) };
}

/** The learner's own image classes in the image lab (issue 17). Everything stays on the device. */
export function OwnImagesPanel() {
  const t = useT();
  const set = useAppStore((s) => s.ownImages);
  const kind = useAppStore((s) => s.experiment.dataset.kind);
  const startOwnImages = useAppStore((s) => s.startOwnImages);
  const editClasses = useAppStore((s) => s.editClasses);
  const trainOnOwnImages = useAppStore((s) => s.trainOnOwnImages);
  const { on, video, start, stop } = useCamera();
  const total = set?.classes.reduce((n, c) => n + c.images.length, 0) ?? 0;
  return (
    <section className="panel own-images" aria-labelledby="own-img-title" data-testid="own-images">
      <h2 id="own-img-title">{t('ownImg.title')}</h2>
      <p className="hint">{t('ownImg.hint')}</p>
      <p className="hint">{t('own.private')}</p>
      {!set ? (
        <button type="button" data-testid="own-images-start" onClick={() => startOwnImages([1, 2].map((n) => t('ownImg.defaultName', { n })))}>
          {t('ownImg.title')}…
        </button>
      ) : (
        <>
          {cameraAvailable() ? (
            <div className="own-camera">
              <button type="button" onClick={() => (on ? stop() : void start())} data-testid="own-camera">
                {on ? t('ownImg.cameraOff') : t('ownImg.cameraOn')}
              </button>
              {on ? <video ref={video} autoPlay playsInline muted aria-label={t('ownImg.camera')} width={160} height={120} /> : null}
            </div>
          ) : null}
          <ol className="own-classes">
            {set.classes.map((c, i) => (
              <ClassCard key={`${i}:${c.name}`} cls={c} index={i} camera={video} cameraOn={on} />
            ))}
          </ol>
          <div className="own-actions">
            {set.classes.length < OWN_IMAGE_LIMITS.maxClasses ? (
              <button type="button" data-testid="own-add-class" onClick={() => editClasses({ type: 'add', name: t('ownImg.defaultName', { n: set.classes.length + 1 }) })}>
                {t('ownImg.addClass')}
              </button>
            ) : null}
            <button type="button" className="primary" data-testid="own-images-train" aria-pressed={kind === 'ownImages'} onClick={() => trainOnOwnImages()}>
              {t('ownImg.train')}
            </button>
            <span className="hint" data-testid="own-images-summary">
              {t('ownImg.ready', { classes: set.classes.length, n: total })}
            </span>
          </div>
        </>
      )}
    </section>
  );
}
