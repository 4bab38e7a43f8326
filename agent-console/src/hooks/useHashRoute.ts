import { useCallback, useEffect, useState } from 'preact/hooks';
import { formatRoute, parseRoute, type Route } from '../state/route';
import type { ViewId } from '../state/views';

/** The screen, view and open ticket live in the URL's hash, so a reload or a link keeps them. */
export function useHashRoute(fallback: ViewId): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(location.hash, fallback));

  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash, fallback));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, [fallback]);

  const navigate = useCallback((next: Route) => {
    const hash = formatRoute(next);
    if (location.hash !== hash) location.hash = hash;
    setRoute(next);
  }, []);

  return [route, navigate];
}
