// Reads VS Code's own `http.*` proxy and certificate settings (the ones users already set for VS Code) and builds the
// extension's dispatcher from them. The snapshot is re-read after any change under `http`, so a new proxy applies to
// the next request without a reload; the environment is read on every request (PrunaDispatcher compares both).
import * as vscode from 'vscode';
import * as z from 'zod';
import { PrunaDispatcher } from './dispatcher';
import { PROXY_SUPPORT, type NetworkSettings } from './proxyRules';

const HttpSettingsSchema = z.object({
  // An unknown value counts as VS Code's default.
  proxySupport: z.enum(PROXY_SUPPORT).catch('override'),
  proxy: z.string().catch(''),
  proxyAuthorization: z.string().nullish().catch(undefined),
  noProxy: z.array(z.string()).catch([]),
  proxyStrictSSL: z.boolean().catch(true),
  systemCertificates: z.boolean().catch(true),
});

export function readNetworkSettings(): NetworkSettings {
  const http = vscode.workspace.getConfiguration('http');
  const parsed = HttpSettingsSchema.parse({
    proxySupport: http.get('proxySupport') ?? 'override',
    proxy: http.get('proxy') ?? '',
    proxyAuthorization: http.get('proxyAuthorization'),
    noProxy: http.get('noProxy') ?? [],
    proxyStrictSSL: http.get('proxyStrictSSL') ?? true,
    systemCertificates: http.get('systemCertificates') ?? true,
  });
  return { ...parsed, proxyAuthorization: parsed.proxyAuthorization ?? undefined };
}

/** The dispatcher the client uses, kept in step with the settings; dispose closes its connections. */
export function createNetwork(log: (message: string) => void): { dispatcher: PrunaDispatcher } & vscode.Disposable {
  let snapshot: NetworkSettings | undefined;
  const listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('http')) snapshot = undefined;
  });
  const dispatcher = new PrunaDispatcher(
    {
      settings: () => (snapshot ??= readNetworkSettings()),
      env: () => process.env,
    },
    log,
  );
  return {
    dispatcher,
    dispose: () => {
      listener.dispose();
      void dispatcher.close();
    },
  };
}
