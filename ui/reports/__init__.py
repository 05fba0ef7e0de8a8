"""PDF reports in the app: the export dialog, the export runner and the Reports list.

The core (:mod:`sre_workshop.report`) builds, writes, records and verifies reports; this
package asks the coach what to export, runs the export off the GUI thread, and lists what was
written with each file's state.
"""
