/* A problem with one named input: what a form, a query string or a command's option got wrong. */
#ifndef CORE_FIELD_ERROR_H
#define CORE_FIELD_ERROR_H

/* Strings are borrowed (most are literals). */
struct field_error {
    const char *field;   /* the input's name: a form field's name and id, a query parameter */
    const char *message; /* what is wrong and what to do */
};

#endif
