package org.openvpp.node.api;

/**
 * A request the API refuses: the HTTP status and the body {@code {"error": code, "detail": …}}.
 *
 * @see ApiErrors
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;

  public ApiException(int status, String error, String detail) {
    super(detail);
    this.status = status;
    this.error = error;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public String detail() {
    return getMessage();
  }

  static ApiException badRequest(String error, String detail) {
    return new ApiException(400, error, detail);
  }

  static ApiException notFound(String detail) {
    return new ApiException(404, "not-found", detail);
  }
}
