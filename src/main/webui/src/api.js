// Calls the service's API with the browser's credentials. Every state-changing call carries the header the
// server's CSRF guard requires of browsers; errors become exceptions carrying the problem document.
export const CSRF_HEADER = "X-Arbiter-Request";

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(path, { method = "GET", json, accept = "application/json" } = {}) {
  const headers = { Accept: accept };
  if (method !== "GET") headers[CSRF_HEADER] = "workbench";
  if (json !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch("/api/v1" + path, {
    method,
    headers,
    credentials: "same-origin",
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const type = response.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  return { status: response.status, ok: response.ok, body, headers: response.headers };
}

/** The body of a successful call; otherwise an ApiError. */
export async function apiOk(path, options) {
  const result = await api(path, options);
  if (!result.ok) throw new ApiError(result.status, typeof result.body === "object" ? result.body : null);
  return result.body;
}
