/* Error codes shared by every layer; functions return 0 or a negative enum err. */
#ifndef BASE_ERR_H
#define BASE_ERR_H

enum err {
    ERR_OK = 0,
    ERR_INVALID = -1,   /* the input is wrong; the caller's message names what */
    ERR_NOT_FOUND = -2, /* no such thing */
    ERR_CONFLICT = -3,  /* it exists already, or a constraint refused it */
    ERR_TOO_BIG = -4,   /* over a size limit */
    ERR_IO = -5,        /* the operating system said no */
    ERR_DB = -6,        /* the database said no */
    ERR_FORBIDDEN = -7, /* this person may not do this */
    ERR_BUSY = -8,      /* another writer holds the database: nothing was done, try again */
};

/* A short lower-case name for an error code, e.g. "not found"; never NULL. */
const char *err_str(int err);

#endif
