"""The ``xx report`` command (ranked workbooks for the leadership and payroll)."""
