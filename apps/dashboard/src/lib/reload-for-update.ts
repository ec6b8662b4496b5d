// Pages loaded on first visit (settings) are separate files. When a new version has been deployed
// since this tab loaded, the files it asks for are gone: the tab loads the new version instead,
// once per address (a file that stays missing then shows the error page, not a reload loop).

const KEY = 'parley:reloaded-for';
let isReloading = false;

export function reloadForUpdates(): void {
  window.addEventListener('vite:preloadError', (event) => {
    if (window.sessionStorage.getItem(KEY) !== window.location.href) {
      window.sessionStorage.setItem(KEY, window.location.href);
      isReloading = true;
      event.preventDefault();
      window.location.reload();
    }
  });
}

/** While the new version loads, a page that could not load waits for it rather than failing. */
export function waitIfReloading(error: unknown): Promise<never> {
  return isReloading ? new Promise<never>(() => {}) : Promise.reject(error);
}
