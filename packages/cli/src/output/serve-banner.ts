export interface StartedServerFacts {
  url: string;
  dataDir: string;
  generatedApiKey: string | undefined;
  keyFromEnvironment: boolean;
}

/** What `serve` prints once listening: where it is, and which API key to use. */
export function describeStartedServer(facts: StartedServerFacts): string {
  const lines = [`heygen-assets listening on ${facts.url}`];

  if (facts.generatedApiKey) {
    lines.push(
      `API key (generated on first start, shown only this once): ${facts.generatedApiKey}`,
      `Export it for the SDK and CLI: export HEYGEN_API_KEY=${facts.generatedApiKey}`,
    );
  } else if (facts.keyFromEnvironment) {
    lines.push('API key: the one in HEYGEN_API_KEY');
  } else {
    lines.push(
      `API key: the one printed when ${facts.dataDir} was first used (it is stored there hashed)`,
    );
  }

  return `${lines.join('\n')}\n`;
}
