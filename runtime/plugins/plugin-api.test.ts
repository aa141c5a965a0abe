import { describe, expect, it } from 'vitest';
import { defineConverter, definePredicate, defineSinkConnector, defineSourceConnector, defineTransform } from './plugin-api.js';
import { toPlugin } from './plugin-shape.js';

describe('define* helpers', () => {
  it('tag the kind and fill the optional parts, giving objects the loader accepts as they are', () => {
    const sink = defineSinkConnector({ className: 'com.example.S', createTask: () => ({ start: async () => {}, put: async () => {}, flush: async () => {}, stop: async () => {} }) });
    expect(sink).toMatchObject({ type: 'sink', className: 'com.example.S', aliases: [], version: '1.0.0', spec: [] });
    const source = defineSourceConnector({ className: 'com.example.Src', version: '2.0.0', createTask: () => ({ start: async () => {}, poll: async () => [], stop: async () => {} }) });
    expect(source).toMatchObject({ type: 'source', version: '2.0.0' });
    const transform = defineTransform({ className: 'com.example.T', aliases: ['T'], create: () => ({ apply: (record) => record }) });
    expect(transform).toMatchObject({ kind: 'transformation', aliases: ['T'], doc: '', spec: [] });
    expect(definePredicate({ className: 'com.example.P', create: () => ({ test: () => true }) }).kind).toBe('predicate');
    const converter = defineConverter({ className: 'com.example.C', create: () => ({ toConnectData: async () => ({ value: null }), fromConnectData: async () => null }) });
    expect(converter.kind).toBe('converter');
    for (const plugin of [sink, source, transform, converter]) expect(toPlugin(plugin)).toMatchObject({ className: plugin.className });
  });
});
