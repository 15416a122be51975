"""xingxian-cli: the Xing County village-cadre "four in one" star assessment toolkit."""

__version__ = "0.1.0"
