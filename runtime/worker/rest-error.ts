import { maskSecretsInText } from '../core/secret-mask.js';

/** An error the REST API answers with Connect's body: `{"error_code": status, "message": ...}`. */
export class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(maskSecretsInText(message));
    this.name = 'RestError';
  }

  body(): { error_code: number; message: string } {
    return { error_code: this.status, message: this.message };
  }
}

export const notFound = (name: string) => new RestError(404, `Connector ${name} not found`);
export const taskNotFound = (name: string, id: number | string) => new RestError(404, `Task ${name}-${id} not found`);
