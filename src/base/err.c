/* Names of the error codes. */
#include "err.h"
#include "banned.h"

const char *err_str(int err)
{
    switch (err) {
    case ERR_OK:
        return "ok";
    case ERR_INVALID:
        return "invalid";
    case ERR_NOT_FOUND:
        return "not found";
    case ERR_CONFLICT:
        return "conflict";
    case ERR_TOO_BIG:
        return "too big";
    case ERR_IO:
        return "input/output error";
    case ERR_DB:
        return "database error";
    case ERR_FORBIDDEN:
        return "forbidden";
    case ERR_BUSY:
        return "busy";
    }
    return "unknown error";
}
