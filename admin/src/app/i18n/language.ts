export type Language = 'zh-CN' | 'en';

const STORAGE_KEY = 'jiyue.admin.language';

/** Chinese is the default; English only when the user chose it on this browser. */
export function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function storeLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the choice just lasts for this page.
  }
}
