import type { z } from 'zod';
import { HttpProblem } from './problem.js';

interface FieldError {
  field: string;
  message: string;
}

function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: key, message: 'is not an accepted field' }));
    }
    const field = issue.path.join('.') || 'body';
    return [{ field, message: issue.message }];
  });
}

/** Parses `input` with a strict schema, or throws 400 `validation_failed` naming each field. */
export function parseInput<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;

  const errors = fieldErrors(result.error);
  throw new HttpProblem(400, 'validation_failed', {
    detail: errors.map((error) => `${error.field}: ${error.message}`).join('; '),
    extensions: { errors },
  });
}
