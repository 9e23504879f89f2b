/* SPDX-License-Identifier: MIT
 *
 * sections.h - the sections of a report on disk (sections.c): each one
 * the baseline JSON of what one executable measured plus what its page
 * needs (its run id, name, charts); see plot.h for the layout.
 */
#ifndef CBENCH_PLOT_SECTIONS_H
#define CBENCH_PLOT_SECTIONS_H

#include <stddef.h>

#include "plot/draw.h"
#include "plot/plot.h"

/* The sections' directory inside a report directory. */
#define CBENCH_PLOT_SECTIONS "sections"

/* What one section is made of when it is written. */
typedef struct cbench_plot_section_in {
    const cbench_plot_section *section;
    const cbench_run *run, *base;  /* base may be NULL */
    size_t n_history;
    const char *note;              /* NULL, or shown with the section */
    const char *scope;             /* NULL for a full run, else what kind of run */
} cbench_plot_section_in;

/* A section read back (every string owned; run NULL unless asked for). */
typedef struct cbench_plot_loaded {
    char *run_id, *name, *source, *base_name, *base_date, *base_host, *note, *summary, *scope;
    size_t n_history;
    cbench_html_chart *charts;
    size_t n_charts;
    cbench_run *run;
} cbench_plot_loaded;

/* "a/b" as a new string, NULL on out of memory. */
char *cbench_plot_join(const char *a, const char *b);

/* Writes the section file at path atomically. 0, CBENCH_ENOMEM, or
 * CBENCH_EIO with err. */
int cbench_plot_section_write(const char *path, const cbench_plot_section_in *in,
                              const cbench_plot_drawn *d, char *err, size_t errlen);

/* Reads the section file at path (its run too when with_run). 0,
 * CBENCH_EIO (unreadable), CBENCH_EFORMAT (not a section) or
 * CBENCH_ENOMEM; on error *s is empty. */
int cbench_plot_section_read(const char *path, cbench_plot_loaded *s, int with_run);
void cbench_plot_loaded_free(cbench_plot_loaded *s);

/* Removes from report directory dir every section whose run is not
 * run_id (a malformed section file counts as another run's; one that
 * could not be read for want of memory or by an I/O error stays): its
 * file and its charts. Returns how many were removed. */
int cbench_plot_sections_prune(const char *dir, const char *run_id);

/* Every readable section of run_id in dir, in the order measured (their
 * context's date, then name), with their runs, into a new array *out
 * (free each with cbench_plot_loaded_free, then the array). 0, CBENCH_EIO
 * when the sections' directory cannot be read, or CBENCH_ENOMEM. */
int cbench_plot_sections_load(const char *dir, const char *run_id, cbench_plot_loaded **out,
                              size_t *n_out);

#endif /* CBENCH_PLOT_SECTIONS_H */
