import type { ConnectSchema, ConnectValue } from '../core/record.js';
import { describeType } from './connect-schema.js';
import { converterConfig, converterTypeSpec } from './converter-config.js';
import type { Converter, ConverterFactory } from './converter.js';
import { DataException } from './data-exception.js';

type NumberKind = 'int16' | 'int32' | 'int64' | 'float32' | 'float64' | 'boolean';

const KINDS: Record<NumberKind, { name: string; size: number; serializer: string }> = {
  int16: { name: 'ShortConverter', size: 2, serializer: 'Short' },
  int32: { name: 'IntegerConverter', size: 4, serializer: 'Integer' },
  int64: { name: 'LongConverter', size: 8, serializer: 'Long' },
  float32: { name: 'FloatConverter', size: 4, serializer: 'Float' },
  float64: { name: 'DoubleConverter', size: 8, serializer: 'Double' },
  boolean: { name: 'BooleanConverter', size: 1, serializer: 'Boolean' },
};

const SERIALIZATION = 'org.apache.kafka.common.errors.SerializationException';

/**
 * Kafka's number converters (`org.apache.kafka.connect.converters.IntegerConverter`, ...,
 * `BooleanConverter`): big-endian fixed-size values as Kafka's Serializers write them, with an
 * optional schema of the type. int64 values beyond 2^53 read as `bigint`.
 */
export class NumberConverter implements Converter {
  private readonly schema: ConnectSchema;

  constructor(
    private readonly kind: NumberKind,
    config: Readonly<Record<string, unknown>> = {},
    isKey = false,
  ) {
    converterConfig([converterTypeSpec], config, isKey, `org.apache.kafka.connect.converters.${KINDS[kind].name}`);
    this.schema = { type: kind, optional: true };
  }

  async toConnectData(_topic: string, bytes: Buffer | null): Promise<{ value: ConnectValue; schema?: ConnectSchema }> {
    if (bytes === null) return { value: null, schema: this.schema };
    const { size, serializer } = KINDS[this.kind];
    if (bytes.length !== size) throw new DataException(`Size of data received by ${serializer}Deserializer is not ${size}`, { exceptionClass: SERIALIZATION });
    return { value: this.read(bytes), schema: this.schema };
  }

  async fromConnectData(_topic: string, value: ConnectValue, schema?: ConnectSchema): Promise<Buffer | null> {
    if (schema && schema.type !== this.kind) throw new DataException(`Invalid schema type for ${KINDS[this.kind].name}: ${schema.type.toUpperCase()}`);
    if (value === null || value === undefined) return null;
    const expected = this.kind === 'boolean' ? 'boolean' : 'number';
    if (typeof value !== expected && !(this.kind === 'int64' && typeof value === 'bigint')) throw new DataException(`${KINDS[this.kind].name} is not compatible with objects of type ${describeType(value)}`);
    const out = Buffer.alloc(KINDS[this.kind].size);
    if (this.kind === 'int16' || this.kind === 'int32' || this.kind === 'int64') {
      const bits = this.kind === 'int16' ? 16 : this.kind === 'int32' ? 32 : 64;
      if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new DataException(`${KINDS[this.kind].name} cannot write ${value}`);
      const n = BigInt(value as number | bigint);
      if (BigInt.asIntN(bits, n) !== n) throw new DataException(`${KINDS[this.kind].name} cannot write ${n}: out of range`);
      if (bits === 16) out.writeInt16BE(Number(n));
      else if (bits === 32) out.writeInt32BE(Number(n));
      else out.writeBigInt64BE(n);
    } else if (this.kind === 'float32') out.writeFloatBE(value as number);
    else if (this.kind === 'float64') out.writeDoubleBE(value as number);
    else out.writeUInt8(value ? 1 : 0);
    return out;
  }

  private read(bytes: Buffer): ConnectValue {
    switch (this.kind) {
      case 'int16':
        return bytes.readInt16BE(0);
      case 'int32':
        return bytes.readInt32BE(0);
      case 'int64': {
        const n = bytes.readBigInt64BE(0);
        return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
      }
      case 'float32':
        return bytes.readFloatBE(0);
      case 'float64':
        return bytes.readDoubleBE(0);
      default:
        if (bytes[0]! > 1) throw new DataException('Unexpected byte received by BooleanDeserializer', { exceptionClass: SERIALIZATION });
        return bytes[0] === 1;
    }
  }
}

/** Factories for each number converter, by Connect class name. */
export const numberConverterFactories: { className: string; simpleName: string; create: ConverterFactory }[] = (Object.keys(KINDS) as NumberKind[]).map((kind) => ({
  className: `org.apache.kafka.connect.converters.${KINDS[kind].name}`,
  simpleName: KINDS[kind].name,
  create: (config, isKey) => new NumberConverter(kind, config, isKey),
}));
