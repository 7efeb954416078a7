import { useRef, type ReactNode } from 'react';

interface FileButtonProps {
  /** What the file picker offers (the input's `accept`). */
  accept: string;
  /** Called with the picked files (at least one). */
  onFiles: (files: File[]) => void;
  children: ReactNode;
  multiple?: boolean;
  disabled?: boolean;
  className?: string;
  /** The button's test id. */
  testId?: string;
  /** The hidden input's test id (browser tests hand it files directly). */
  inputTestId?: string;
}

/**
 * A button that opens the file picker. The hidden input is emptied after each pick, so picking the
 * same file again (after a refusal, or to reload it) is noticed.
 */
export function FileButton({ accept, onFiles, children, multiple, disabled, className, testId, inputTestId }: FileButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={className} disabled={disabled} onClick={() => input.current?.click()} data-testid={testId}>
        {children}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        multiple={multiple}
        hidden
        data-testid={inputTestId}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </>
  );
}
