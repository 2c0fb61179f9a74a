// One Content-Security-Policy for both transports (Electron's session headers and the loopback host): no remote
// code, no inline scripts, no framing. Mantine injects its CSS variables as <style> tags, hence 'unsafe-inline'
// for styles only.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
