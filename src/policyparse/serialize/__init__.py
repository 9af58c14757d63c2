"""serialize"""
