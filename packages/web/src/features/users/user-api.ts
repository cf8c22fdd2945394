/** Typed calls to the user-management API (routes of packages/server/src/users). */
import {
  CreatedUser,
  Member,
  MemberPage,
  type CreateUserBody,
  type StaffRole,
} from '@ketaflow/contract';
import { z } from 'zod';
import { api } from '../../api/client.ts';

const base = '/api/v1/users';

export const listUsers = (page: number, pageSize: number, signal?: AbortSignal) =>
  api(base, { query: { page, pageSize }, schema: MemberPage, ...(signal ? { signal } : {}) });

export const createUser = (body: CreateUserBody) =>
  api(base, { method: 'POST', body, schema: CreatedUser });

export const changeRole = (userId: string, role: StaffRole) =>
  api(`${base}/${userId}/role`, { method: 'PUT', body: { role }, schema: Member });

export const disableUser = (userId: string) =>
  api(`${base}/${userId}/disable`, { method: 'POST', schema: Member });

export const enableUser = (userId: string) =>
  api(`${base}/${userId}/enable`, { method: 'POST', schema: Member });

export const unlockUser = (userId: string) =>
  api(`${base}/${userId}/unlock`, { method: 'POST', schema: Member });

export const endSessions = (userId: string) =>
  api(`${base}/${userId}/end-sessions`, {
    method: 'POST',
    schema: z.object({ ended: z.number().int() }),
  });
