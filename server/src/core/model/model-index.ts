/** All resources analysed together (a template, or a Terraform module), with reference lookups. */
import type { Resource, Value } from './types';
import { walkValues } from './values';

export interface Reference {
  from: Resource;
  /** Top-level property holding the reference. */
  property: string;
  value: Value;
}

export class ModelIndex {
  private readonly byName = new Map<string, Resource>();
  private refsTo?: Map<string, Reference[]>;
  private byType?: Map<string, Resource[]>;

  constructor(readonly resources: Resource[]) {
    for (const r of resources) this.byName.set(r.name, r);
  }

  get(name: string): Resource | undefined {
    return this.byName.get(name);
  }

  /** Resources of any of the given types (indexed once). */
  ofTypes(types: string[]): Resource[] {
    if (!this.byType) {
      this.byType = new Map();
      for (const r of this.resources) {
        const list = this.byType.get(r.type);
        if (list) list.push(r);
        else this.byType.set(r.type, [r]);
      }
    }
    return types.flatMap((t) => this.byType!.get(t) ?? []);
  }

  /** Resources whose properties reference `name`, with the top-level property that does. */
  referencesTo(name: string): Reference[] {
    if (!this.refsTo) {
      this.refsTo = new Map();
      for (const from of this.resources) {
        for (const e of from.properties?.entries ?? []) {
          walkValues(e.value, (v) => {
            if (v.kind !== 'ref') return;
            const list = this.refsTo!.get(v.target) ?? [];
            list.push({ from, property: e.key, value: v });
            this.refsTo!.set(v.target, list);
          });
        }
      }
    }
    return this.refsTo.get(name) ?? [];
  }
}
