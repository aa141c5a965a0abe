import { GenericContainer, type PortWithOptionalBinding } from 'testcontainers';

/**
 * A GenericContainer whose published ports are bound to 127.0.0.1 only. testcontainers binds on
 * every interface and has no option for the host IP, so this rewrites its port bindings.
 */
export class SandboxContainer extends GenericContainer {
  override withExposedPorts(...ports: PortWithOptionalBinding[]): this {
    super.withExposedPorts(...ports);
    for (const bindings of Object.values(this.hostConfig.PortBindings ?? {}) as { HostIp?: string }[][]) {
      for (const binding of bindings) binding.HostIp = '127.0.0.1';
    }
    return this;
  }
}
