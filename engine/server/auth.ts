/**
 * Admin credentials. With `SETTEE_ADMIN=user:password`, requests that change what the
 * server is (create or delete databases) or what code it runs (design documents)
 * need HTTP Basic credentials for that user.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { errors } from '../../views/index.js';
import type { Config } from '../config.js';

export function requireAdmin(request: FastifyRequest, admin: Config['admin']): void {
  if (!admin) return;
  const header = request.headers.authorization;
  if (!header?.startsWith('Basic ')) throw errors.unauthorized('You are not a server admin.');
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (colon < 0 || !same(user, admin.user) || !same(password, admin.password)) {
    throw errors.unauthorized('Name or password is incorrect.');
  }
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
