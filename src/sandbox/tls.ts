// A throwaway CA and a server certificate for 127.0.0.1 / localhost / ::1 signed by it, made at
// every start: clients trust the CA file; no private key ever touches the disk or the repository.
import { generate } from 'selfsigned';

export interface SandboxTls { caCert: string; cert: string; key: string }

export async function makeTls(): Promise<SandboxTls> {
  const notBeforeDate = new Date(Date.now() - 60_000); // tolerate a little clock skew
  const notAfterDate = new Date(Date.now() + 30 * 86_400_000);
  const ca = await generate([{ name: 'commonName', value: 'Retrac Sandbox Local CA' }, { name: 'organizationName', value: 'Retrac for VS Code' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const server = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  return { caCert: ca.cert, cert: server.cert, key: server.private };
}
