// The tiny web service the deploy tests and benches run: busybox httpd on :8080
// serving the version at / and "ok" at /health, and the lines of a stack's
// service that run it with a fast healthcheck. One definition, so every
// swarm test waits on the same health signal.

/** The image's Dockerfile; `healthy: false` leaves out /health, so its healthcheck fails. */
export function webDockerfile(base: string, version: string, healthy = true): string {
  return [
    `FROM ${base}`,
    `RUN mkdir -p /www && echo ${version} > /www/index.html${healthy ? ' && echo ok > /www/health' : ''}`,
    'CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]',
    '',
  ].join('\n');
}

/**
 * A compose service's first lines (4-space indent, one per line, ending in a newline): the image,
 * `init` when asked, a 1 s stop grace period and a healthcheck that polls /health every 500 ms.
 */
export function webServiceHead(image: string, opts: { init?: boolean } = {}): string {
  return [
    `    image: ${image}`,
    ...(opts.init ? ['    init: true'] : []),
    '    stop_grace_period: 1s',
    '    healthcheck:',
    '      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"]',
    '      interval: 500ms',
    '      timeout: 1s',
    '      retries: 2',
    '      start_period: 0s',
    '',
  ].join('\n');
}
