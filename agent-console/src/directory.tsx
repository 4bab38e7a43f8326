import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { listGroups, listProducts, listUsers } from './api/staff';
import type { ExpertGroup, Product, StaffUser } from './api/types';
import { useI18n } from './i18n/context';
import { useSession } from './session';

/**
 * Names for the ids tickets carry: groups and product models for everyone, staff for managers (experts get 403 on
 * GET /api/users, so for them the directory knows themselves and the authors it has met).
 */
export interface Directory {
  groups: ExpertGroup[];
  /** null when this user may not list staff. */
  users: StaffUser[] | null;
  groupName: (id: string | null) => string | null;
  userName: (id: string | null) => string | null;
  /** A product model's name by its code (units carry only the code). */
  productName: (code: string) => string | null;
  /** Remembers a name seen elsewhere (a message author) for users the directory cannot list. */
  learnName: (id: string, name: string) => void;
}

const DirectoryContext = createContext<Directory | null>(null);

export function DirectoryProvider({ children }: { children: ComponentChildren }) {
  const { locale } = useI18n();
  const { user, isManager } = useSession();
  const [groups, setGroups] = useState<ExpertGroup[]>([]);
  const [users, setUsers] = useState<StaffUser[] | null>(null);
  const [products, setProducts] = useState<Product[]>([]);
  const [learned, setLearned] = useState<Record<string, string>>({ [user.id]: user.displayName });

  useEffect(() => {
    listGroups().then(setGroups, () => setGroups([]));
    listProducts().then(setProducts, () => setProducts([]));
    if (isManager)
      listUsers().then(
        (page) => setUsers(page.items),
        () => setUsers(null),
      );
  }, [isManager]);

  const learnName = useCallback((id: string, name: string) => {
    setLearned((known) => (known[id] === name ? known : { ...known, [id]: name }));
  }, []);

  const value = useMemo<Directory>(() => {
    const names = new Map<string, string>(Object.entries(learned));
    for (const u of users ?? []) names.set(u.id, u.displayName);
    const groupNames = new Map(groups.map((g) => [g.id, g.name[locale]]));
    const productNames = new Map(products.map((p) => [p.code, p.name[locale]]));
    return {
      groups,
      users,
      groupName: (id) => (id === null ? null : (groupNames.get(id) ?? null)),
      userName: (id) => (id === null ? null : (names.get(id) ?? null)),
      productName: (code) => productNames.get(code) ?? null,
      learnName,
    };
  }, [groups, users, products, learned, locale, learnName]);

  return <DirectoryContext.Provider value={value}>{children}</DirectoryContext.Provider>;
}

export function useDirectory(): Directory {
  const directory = useContext(DirectoryContext);
  if (!directory) throw new Error('useDirectory must be used inside <DirectoryProvider>');
  return directory;
}
