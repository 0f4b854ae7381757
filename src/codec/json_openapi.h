/* The OpenAPI 3.1 description of the service, made from its route table's documentation. */
#ifndef CODEC_JSON_OPENAPI_H
#define CODEC_JSON_OPENAPI_H

#include <stddef.h>

#include "base/buf.h"
#include "core/api_doc.h"

/*
 * The OpenAPI 3.1 document of ops[0..n) into b: a path for each pattern, an operation for each
 * method with its summary, group (tag), path and query parameters, request body (JSON under
 * /api/v1/, a form otherwise) with its example, success answer, problem+json errors, the roles
 * that may use it (x-access) and its security: the bearer token and the session cookie named
 * session_cookie.
 */
void json_openapi(struct buf *b, const struct api_op *ops, size_t n, const char *session_cookie);

#endif
