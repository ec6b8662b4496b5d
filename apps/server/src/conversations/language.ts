// Language detection of message texts (tinyld). It costs a few hundred microseconds of CPU per
// message, the largest single cost of the message hot path, so the group commit hands texts to a
// worker thread as they arrive (one message per turn of the event loop), and the event loop stays free
// for requests and sockets.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { detect } from 'tinyld';

const MIN_LENGTH = 12;

/** The language of a text (ISO 639-1), or null when it is too short to tell. */
export function detectLanguage(text: string): string | null {
  if (text.trim().length < MIN_LENGTH) {
    return null;
  }
  return detect(text) || null;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { detect } = require(workerData.tinyld);
parentPort.on('message', ({ id, texts }) => {
  const languages = texts.map((t) => (t.trim().length < ${MIN_LENGTH} ? null : detect(t) || null));
  parentPort.postMessage({ id, languages });
});
`;

type TWaiting = { texts: string[]; resolves: ((language: string | null) => void)[] };

let worker: Worker | null = null;
let isBroken = false;
let nextId = 1;
const inFlight = new Map<number, TWaiting>();

function startWorker(): Worker | null {
  if (worker || isBroken) {
    return worker;
  }
  try {
    const tinyld = createRequire(import.meta.url).resolve('tinyld');
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { tinyld } });
    started.unref();
    started.on('message', ({ id, languages }: { id: number; languages: (string | null)[] }) => {
      const batch = inFlight.get(id);
      inFlight.delete(id);
      batch?.resolves.forEach((resolve, i) => {
        resolve(languages[i] ?? null);
      });
    });
    const fail = () => {
      // Detect here from now on; what was waiting on the worker is detected here too.
      isBroken = true;
      worker = null;
      for (const batch of inFlight.values()) {
        batch.resolves.forEach((resolve, i) => {
          resolve(detectLanguage(batch.texts[i] ?? ''));
        });
      }
      inFlight.clear();
    };
    started.on('error', fail);
    started.on('exit', fail);
    worker = started;
  } catch {
    isBroken = true;
  }
  return worker;
}

/** detectLanguage for many texts, on the worker thread (one message there and back); inline if it fails. */
export function detectLanguagesOffThread(texts: string[]): Promise<(string | null)[]> {
  const w = texts.some((t) => t.trim().length >= MIN_LENGTH) ? startWorker() : null;
  if (!w) {
    return Promise.resolve(texts.map(detectLanguage));
  }
  return new Promise((resolve) => {
    const languages: (string | null)[] = new Array(texts.length).fill(null);
    let left = texts.length;
    const batch: TWaiting = {
      texts,
      resolves: texts.map((_t, i) => (language: string | null) => {
        languages[i] = language;
        left -= 1;
        if (left === 0) {
          resolve(languages);
        }
      }),
    };
    const id = nextId++;
    inFlight.set(id, batch);
    w.postMessage({ id, texts });
  });
}

let gathering: { texts: string[]; waiting: ((language: string | null) => void)[] } | null = null;

/**
 * detectLanguage for one text on the worker thread, sent together with the other texts of this turn
 * of the event loop (one message to the worker per turn, not per text).
 */
export function detectLanguageSoon(text: string): Promise<string | null> {
  if (text.trim().length < MIN_LENGTH) {
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    if (!gathering) {
      const batch = { texts: [] as string[], waiting: [] as ((language: string | null) => void)[] };
      gathering = batch;
      setImmediate(() => {
        gathering = null;
        void detectLanguagesOffThread(batch.texts).then((languages) => {
          batch.waiting.forEach((done, i) => {
            done(languages[i] ?? null);
          });
        });
      });
    }
    gathering.texts.push(text);
    gathering.waiting.push(resolve);
  });
}
