import { type DragEvent, useRef, useState } from 'react';

const hasFiles = (event: DragEvent) => [...event.dataTransfer.types].includes('Files');

/** Files dropped on an element: whether some are being dragged over it, and its drag handlers. */
export function useFileDrop(onFiles: (files: FileList) => void) {
  const dragDepth = useRef(0);
  const [isDragging, setIsDragging] = useState(false);
  return {
    isDragging,
    handlers: {
      onDragEnter: (event: DragEvent<HTMLElement>) => {
        if (hasFiles(event)) {
          event.preventDefault();
          dragDepth.current += 1;
          setIsDragging(true);
        }
      },
      onDragOver: (event: DragEvent<HTMLElement>) => {
        if (hasFiles(event)) {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }
      },
      onDragLeave: (event: DragEvent<HTMLElement>) => {
        if (hasFiles(event)) {
          dragDepth.current = Math.max(0, dragDepth.current - 1);
          if (dragDepth.current === 0) {
            setIsDragging(false);
          }
        }
      },
      onDrop: (event: DragEvent<HTMLElement>) => {
        if (hasFiles(event)) {
          event.preventDefault();
          dragDepth.current = 0;
          setIsDragging(false);
          onFiles(event.dataTransfer.files);
        }
      },
    },
  };
}
