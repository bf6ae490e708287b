/**
 * Who is signed in. The session itself lives in an HttpOnly cookie; this context only holds
 * what /auth/me says about it and the CSRF token the API wants on every write.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken, setGateHandler, setUnauthorizedHandler } from './api-client';
import type { Me, Session } from './session-types';

export const ME_QUERY_KEY = ['auth', 'me'] as const;

interface AuthValue {
  readonly me: Me | null;
  readonly isLoading: boolean;
  readonly loadError: unknown;
  readonly can: (permission: string) => boolean;
  readonly signedIn: (session: Session) => void;
  readonly refresh: () => Promise<void>;
  readonly signOut: (everywhere: boolean) => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/api/v1/auth/me');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchSession, staleTime: 60_000, retry: 1 });

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      queryClient.setQueryData(ME_QUERY_KEY, null);
    });
    setGateHandler(() => void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }));
    return () => {
      setUnauthorizedHandler(null);
      setGateHandler(null);
    };
  }, [queryClient]);

  const signedIn = useCallback(
    (session: Session) => {
      setCsrfToken(session.csrfToken);
      // Data cached for a previous user must never show to the next one.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      queryClient.setQueryData(ME_QUERY_KEY, session);
    },
    [queryClient],
  );

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
  }, [queryClient]);

  const signOut = useCallback(
    async (everywhere: boolean) => {
      try {
        await api.post(everywhere ? '/api/v1/auth/logout-all' : '/api/v1/auth/logout');
      } finally {
        setCsrfToken(null);
        queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
        queryClient.setQueryData(ME_QUERY_KEY, null);
      }
    },
    [queryClient],
  );

  const value = useMemo<AuthValue>(() => {
    const me = query.data?.user ?? null;
    const permissions = new Set(me?.permissions ?? []);
    return {
      me,
      isLoading: query.isPending,
      loadError: query.isError ? query.error : null,
      can: (permission) => permissions.has(permission),
      signedIn,
      refresh,
      signOut,
    };
  }, [query.data, query.isPending, query.isError, query.error, signedIn, refresh, signOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
