import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { listGroups, listProducts, staffDirectory } from './api/staff';
import type { DirectoryUser, ExpertGroup, Product } from './api/types';
import { useI18n } from './i18n/context';
import { useSession } from './session';

/**
 * Names for the ids tickets carry: groups and product models, and the colleagues GET /api/users/directory shows
 * (experts: their groups' members and the managers; managers: everyone). Authors met elsewhere are remembered too.
 */
export interface Directory {
  groups: ExpertGroup[];
  /** null until the staff directory has loaded (or when it could not be). */
  users: DirectoryUser[] | null;
  /** Fetches the directory again (fresh presence, e.g. before a transfer). */
  refreshUsers: () => void;
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
  const { user } = useSession();
  const [groups, setGroups] = useState<ExpertGroup[]>([]);
  const [users, setUsers] = useState<DirectoryUser[] | null>(null);
  const [products, setProducts] = useState<Product[]>([]);
  const [learned, setLearned] = useState<Record<string, string>>({ [user.id]: user.displayName });

  const refreshUsers = useCallback(() => {
    staffDirectory().then(setUsers, () => undefined);
  }, []);

  useEffect(() => {
    listGroups().then(setGroups, () => setGroups([]));
    listProducts().then(setProducts, () => setProducts([]));
    refreshUsers();
  }, [refreshUsers]);

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
      refreshUsers,
      groupName: (id) => (id === null ? null : (groupNames.get(id) ?? null)),
      userName: (id) => (id === null ? null : (names.get(id) ?? null)),
      productName: (code) => productNames.get(code) ?? null,
      learnName,
    };
  }, [groups, users, products, learned, locale, learnName, refreshUsers]);

  return <DirectoryContext.Provider value={value}>{children}</DirectoryContext.Provider>;
}

export function useDirectory(): Directory {
  const directory = useContext(DirectoryContext);
  if (!directory) throw new Error('useDirectory must be used inside <DirectoryProvider>');
  return directory;
}
