import { Enum, Type, type Field } from 'protobufjs';
import { z } from 'zod';
import { isoTime } from '../http/wire';

// How a proto message looks in the REST API, derived from the .proto itself so the two cannot
// drift: fields in lowerCamelCase (as proto-loader names them), enums by their value name without
// the enum's prefix and in lower case (CAMPAIGN_STATUS_RUNNING → "running"), Timestamps as ISO 8601
// strings, bytes as base64, int64 as numbers. Request bodies are strict (unknown fields are refused)
// and every field is optional (proto3: absent means the default); answers list every field, with
// null for an unset message.

const TIMESTAMP = 'google.protobuf.Timestamp';
const MAX_DEPTH = 8;

type Mode = 'request' | 'response';
export type Json = Record<string, unknown>;

const upperSnake = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** An enum's values as the API spells them, in declaration order: proto name → REST name. */
export function enumNames(protoEnum: Enum): Map<string, string> {
  const prefix = `${upperSnake(protoEnum.name)}_`;
  const names = Object.keys(protoEnum.values);
  const strip = names.every((name) => name.startsWith(prefix));
  return new Map(names.map((name) => [name, (strip ? name.slice(prefix.length) : name).toLowerCase()]));
}

const restEnum = (protoEnum: Enum) => {
  const values = [...enumNames(protoEnum).values()];
  return z.enum(values as [string, ...string[]]);
};

const isTimestamp = (type: Type): boolean => type.fullName.replace(/^\./, '') === TIMESTAMP;

function scalarSchema(type: string, mode: Mode): z.ZodType {
  switch (type) {
    case 'string':
      return z.string();
    case 'bool':
      return z.boolean();
    case 'bytes':
      return z.string().describe('base64');
    case 'double':
    case 'float':
      return z.number();
    case 'int32':
    case 'sint32':
    case 'sfixed32':
      return mode === 'request' ? z.number().int().min(-2_147_483_648).max(2_147_483_647) : z.number().int();
    case 'uint32':
    case 'fixed32':
      return mode === 'request' ? z.number().int().min(0).max(4_294_967_295) : z.number().int();
    case 'uint64':
    case 'fixed64':
      return mode === 'request' ? z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) : z.number().int();
    default:
      // int64, sint64, sfixed64: numbers (forceLong=number); exact below 2^53.
      return mode === 'request' ? z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER) : z.number().int();
  }
}

const dateTime = (mode: Mode) => (mode === 'request' ? z.iso.datetime({ offset: true }) : z.string().meta({ format: 'date-time' }));

function valueSchema(field: Field, mode: Mode, depth: number): z.ZodType {
  const resolved = field.resolvedType;
  if (resolved instanceof Enum) return restEnum(resolved);
  if (resolved instanceof Type) {
    if (isTimestamp(resolved)) return dateTime(mode);
    return depth >= MAX_DEPTH ? z.unknown() : messageSchema(resolved, mode, { depth: depth + 1 });
  }
  return scalarSchema(field.type, mode);
}

function fieldSchema(field: Field, mode: Mode, depth: number): z.ZodType {
  const value = valueSchema(field, mode, depth);
  let schema: z.ZodType = field.map ? z.record(z.string(), value) : field.repeated ? z.array(value) : value;
  const singularMessage = !field.map && !field.repeated && field.resolvedType instanceof Type;
  // Answers show an unset message as null; requests take null for "unset" too, so a client can
  // send back what it read.
  if (singularMessage) schema = schema.nullable();
  if (mode === 'request' || field.partOf) schema = schema.optional();
  return field.comment ? schema.describe(field.comment) : schema;
}

export interface MessageSchemaOptions {
  /** Fields left out (path parameters, paging handled by the route). */
  readonly omit?: readonly string[];
  readonly depth?: number;
}

/** The JSON shape of a message: a strict object of optional fields for requests, every field for answers. */
export function messageSchema(type: Type, mode: Mode, { omit = [], depth = 0 }: MessageSchemaOptions = {}): z.ZodObject {
  const shape = Object.fromEntries(type.fieldsArray.filter((field) => !omit.includes(field.name)).map((field) => [field.name, fieldSchema(field, mode, depth)]));
  const schema = mode === 'request' ? z.strictObject(shape) : z.object(shape);
  return type.comment ? schema.describe(type.comment) : schema;
}

/** The schema of one field's single value (a list item, a map value). */
export const itemSchema = (field: Field, mode: Mode): z.ZodType => valueSchema(field, mode, 0);

function toProtoValue(field: Field, value: unknown): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof Enum) {
    const proto = [...enumNames(resolved)].find(([, rest]) => rest === value)?.[0];
    return proto ?? value;
  }
  if (resolved instanceof Type) {
    if (isTimestamp(resolved)) return typeof value === 'string' ? new Date(value) : value;
    return value === null || typeof value !== 'object' ? value : toProto(value as Json, resolved);
  }
  return value;
}

/** A validated REST object → the object proto-loader serialises (enum names, Dates). */
export function toProto(value: Json, type: Type): Json {
  const out: Json = {};
  for (const field of type.fieldsArray) {
    const item = value[field.name];
    if (item === undefined || item === null) continue;
    if (field.map) out[field.name] = Object.fromEntries(Object.entries(item as Json).map(([key, entry]) => [key, toProtoValue(field, entry)]));
    else if (field.repeated) out[field.name] = (item as unknown[]).map((entry) => toProtoValue(field, entry));
    else out[field.name] = toProtoValue(field, item);
  }
  return out;
}

function fromProtoValue(field: Field, value: unknown): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof Enum) {
    const names = enumNames(resolved);
    if (typeof value === 'number') return names.get(resolved.valuesById[value] ?? '') ?? String(value);
    return names.get(String(value)) ?? String(value).toLowerCase();
  }
  if (resolved instanceof Type) {
    if (isTimestamp(resolved)) return isoTime(value);
    return value === null || value === undefined ? null : fromProto(value as Json, resolved);
  }
  if (field.type === 'bytes' && value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}

const defaultOf = (field: Field): unknown => {
  if (field.map) return {};
  if (field.repeated) return [];
  if (field.resolvedType instanceof Type) return null;
  if (field.resolvedType instanceof Enum) return field.resolvedType.valuesById[0];
  switch (field.type) {
    case 'string':
    case 'bytes':
      return '';
    case 'bool':
      return false;
    default:
      return 0;
  }
};

/** A message as proto-loader hands it over → its REST JSON (every field; unset oneof members left out). */
export function fromProto(value: Json, type: Type): Json {
  const out: Json = {};
  for (const field of type.fieldsArray) {
    const item = value[field.name];
    if (item === undefined || item === null) {
      if (field.partOf) continue;
      if (item === undefined) {
        out[field.name] = fromProtoValue(field, defaultOf(field));
        continue;
      }
    }
    if (field.map) out[field.name] = Object.fromEntries(Object.entries((item ?? {}) as Json).map(([key, entry]) => [key, fromProtoValue(field, entry)]));
    else if (field.repeated) out[field.name] = ((item ?? []) as unknown[]).map((entry) => fromProtoValue(field, entry));
    else out[field.name] = fromProtoValue(field, item);
  }
  return out;
}

