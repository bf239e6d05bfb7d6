"""RoleCall: a Slack app that explains the roles and structures of machine-learning teams."""

__version__ = "0.1.0"
