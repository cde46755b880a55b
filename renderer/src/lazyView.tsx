/**
 * A view whose code loads on demand but can be fetched ahead of time. Plain React.lazy suspends on
 * first render even when the code is already here, and React then holds the fallback for a few
 * hundred milliseconds: long enough for a keyboard user's Tab to land nowhere. Once preloaded,
 * this hands React the module synchronously, so the view renders at once.
 */
import { lazy, type ComponentType } from 'react';

export type PreloadableView<P extends object> = {
  View: ComponentType<P>;
  preload: () => Promise<void>;
};

export function preloadableView<P extends object>(load: () => Promise<ComponentType<P>>): PreloadableView<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const fetchView = () =>
    (loading ??= load().then((view) => {
      loaded = view;
      return view;
    }));

  const View = lazy(() => {
    const ready = loaded;
    if (ready !== null) {
      // A thenable that answers at once: React reads it as already resolved and does not suspend.
      const settled: PromiseLike<{ default: ComponentType<P> }> = {
        then: (onFulfilled) => Promise.resolve(onFulfilled ? onFulfilled({ default: ready }) : { default: ready }) as never,
      };
      return settled as Promise<{ default: ComponentType<P> }>;
    }
    return fetchView().then((view) => ({ default: view }));
  });

  return {
    View,
    preload: async () => {
      await fetchView();
    },
  };
}
